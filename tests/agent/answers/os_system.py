import os

# List the workbooks with the shell, as a model used to a normal machine might.
os.system("ls -l /input > /output/listing.txt")
for name in os.listdir("/input"):
    print(name)
