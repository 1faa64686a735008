# Left-join the orders onto the customers; keys match ignoring case and surrounding spaces.
import openpyxl

def key(value):
    return " ".join(str(value or "").split()).lower()

customers = openpyxl.load_workbook("/input/left.xlsx")["Customers"]
orders = openpyxl.load_workbook("/input/right.xlsx")["Orders"]
order_rows = list(orders.iter_rows(min_row=2, values_only=True))
by_customer = {}
for customer, order, amount in order_rows:
    by_customer.setdefault(key(customer), []).append((order, amount))

out = openpyxl.Workbook()
ws = out.active
ws.title = "Merged"
ws.append(["Customer", "Segment", "Country", "Order", "Amount"])
count = 0
for customer, segment, country in customers.iter_rows(min_row=2, values_only=True):
    if customer is None:
        continue
    matches = by_customer.get(key(customer)) or [(None, None)]
    for order, amount in matches:
        ws.append([customer.strip(), segment, country, order, amount])
        count += 1
out.save("/output/merged.xlsx")
print("merged rows:", count)
