# source: Python documentation, Doc/library/dataclasses.rst (InventoryItem) and Doc/library/enum.rst (Color)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: an inventory dataclass with total_cost, field defaults, asdict, ordering; Enum members, iteration, lookups
# adapted: results printed
from dataclasses import dataclass, field, asdict, astuple, replace
from enum import Enum, auto

@dataclass
class InventoryItem:
    """Class for keeping track of an item in inventory."""
    name: str
    unit_price: float
    quantity_on_hand: int = 0

    def total_cost(self) -> float:
        return self.unit_price * self.quantity_on_hand

item = InventoryItem('widget', 3.0, 10)
print(item, item.total_cost())
print(asdict(item), astuple(item))
print(replace(item, quantity_on_hand=4))

@dataclass
class C:
    mylist: list[int] = field(default_factory=list)

c = C()
c.mylist += [1, 2, 3]
print(c)

@dataclass(order=True)
class Point:
    x: int
    y: int

print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

print(Color.RED, repr(Color.RED), Color(2), Color['BLUE'])
print([c.name for c in Color], Color.RED.value)

class Ordinal(Enum):
    NORTH = auto()
    SOUTH = auto()
print(list(Ordinal))
