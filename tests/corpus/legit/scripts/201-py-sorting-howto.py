# source: Python documentation, Doc/howto/sorting.rst (key functions, operator module functions, stability, decorate-sort-undecorate)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: sorts tuples and objects by key, itemgetter/attrgetter, multiple passes, reverse, case-insensitive
# adapted: results printed
from operator import itemgetter, attrgetter

print(sorted([5, 2, 3, 1, 4]))
a = [5, 2, 3, 1, 4]
a.sort()
print(a)
print(sorted({1: 'D', 2: 'B', 3: 'B', 4: 'E', 5: 'A'}))
print(sorted("This is a test string from Andrew".split(), key=str.casefold))
student_tuples = [
    ('john', 'A', 15),
    ('jane', 'B', 12),
    ('dave', 'B', 10),
]
print(sorted(student_tuples, key=lambda student: student[2]))   # sort by age

class Student:
    def __init__(self, name, grade, age):
        self.name = name
        self.grade = grade
        self.age = age
    def __repr__(self):
        return repr((self.name, self.grade, self.age))

student_objects = [
    Student('john', 'A', 15),
    Student('jane', 'B', 12),
    Student('dave', 'B', 10),
]
print(sorted(student_objects, key=lambda student: student.age))   # sort by age
print(sorted(student_tuples, key=itemgetter(2)))
print(sorted(student_objects, key=attrgetter('age')))
print(sorted(student_tuples, key=itemgetter(1,2)))
print(sorted(student_objects, key=attrgetter('grade', 'age')))
print(sorted(student_tuples, key=itemgetter(2), reverse=True))
print(sorted(student_objects, key=attrgetter('age'), reverse=True))
data = [('red', 1), ('blue', 1), ('red', 2), ('blue', 2)]
print(sorted(data, key=itemgetter(0)))
s = sorted(student_objects, key=attrgetter('age'))     # sort on secondary key
print(sorted(s, key=attrgetter('grade'), reverse=True))       # now sort on primary key, descending

def multisort(xs, specs):
    for key, reverse in reversed(specs):
        xs.sort(key=attrgetter(key), reverse=reverse)
    return xs

print(multisort(list(student_objects), (('grade', True), ('age', False))))
decorated = [(student.grade, i, student) for i, student in enumerate(student_objects)]
decorated.sort()
print([student for grade, i, student in decorated])               # undecorate
