# source: PEP 636 "Structural Pattern Matching: Tutorial" (python/peps, peps/pep-0636.rst: Appendix A and "Adding a UI: Matching objects")
# licence: public domain or CC0-1.0-Universal
# does: class patterns on a dataclass (keyword and positional), nested list-of-points patterns, guards, capture with `as`, enum constants, a class with an explicit __match_args__ matched positionally
# adapted: the page's fragments joined into one script with fixed subjects; event.get() and handle_click_at() replaced by a list of events and print()
from dataclasses import dataclass
from enum import Enum


@dataclass
class Point:
    x: int
    y: int


def where_is(point):
    match point:
        case Point(x=0, y=0):
            print("Origin")
        case Point(x=0, y=y):
            print(f"Y={y}")
        case Point(x=x, y=0):
            print(f"X={x}")
        case Point():
            print("Somewhere else")
        case _:
            print("Not a point")


for p in (Point(0, 0), Point(0, 5), Point(3, 0), Point(1, 2), (1, 2)):
    where_is(p)

for points in ([], [Point(0, 0)], [Point(4, 7)], [Point(0, 1), Point(0, 9)], [Point(1, 1)] * 3):
    match points:
        case []:
            print("No points")
        case [Point(0, 0)]:
            print("The origin")
        case [Point(x, y)]:
            print(f"Single point {x}, {y}")
        case [Point(0, y1), Point(0, y2)]:
            print(f"Two on the Y axis at {y1}, {y2}")
        case _:
            print("Something else")

for point in (Point(2, 2), Point(2, 3)):
    match point:
        case Point(x, y) if x == y:
            print(f"Y=X at {x}")
        case Point(x, y):
            print(f"Not on the diagonal")

match (Point(1, 2), Point(3, 4)):
    case (Point(x1, y1), Point(x2, y2) as p2):
        print(x1, y1, x2, y2, p2)


class Color(Enum):
    RED = 0
    GREEN = 1
    BLUE = 2


for color in Color:
    match color:
        case Color.RED:
            print("I see red!")
        case Color.GREEN:
            print("Grass is green")
        case Color.BLUE:
            print("I'm feeling the blues :(")


class Button(Enum):
    LEFT = 1
    RIGHT = 2


class Click:
    __match_args__ = ("position", "button")

    def __init__(self, pos, btn):
        self.position = pos
        self.button = btn


for event in (Click((10, 20), Button.LEFT), Click((5, 5), Button.RIGHT), "key"):
    match event:
        case Click((x, y), button=Button.LEFT):  # This is a left click
            print("handle_click_at", x, y)
        case Click():
            print("ignored click", event.button)
        case _:
            print("not a click")
