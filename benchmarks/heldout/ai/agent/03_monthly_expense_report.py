"""
Monthly expense report generator.

This module reads a bank export (CSV) and produces a per-category summary
for each month, along with a simple comparison against the previous month.

The input CSV is expected to contain at least these columns:
    - date        (YYYY-MM-DD)
    - description (free text)
    - amount      (negative for expenses, positive for income)

Categories are assigned using keyword rules defined in CATEGORY_RULES.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Dict, Iterable, List, Optional


# Keyword rules used to categorize transactions.
# The first matching rule wins, so order matters: more specific
# keywords should appear before generic ones.
CATEGORY_RULES = [
    ("groceries", ["supermarket", "grocery", "aldi", "lidl", "market"]),
    ("transport", ["uber", "metro", "fuel", "parking", "train"]),
    ("dining", ["restaurant", "cafe", "coffee", "pizza", "bar "]),
    ("utilities", ["electric", "water", "internet", "phone"]),
    ("subscriptions", ["netflix", "spotify", "subscription", "icloud"]),
    ("rent", ["rent", "landlord"]),
]

# Fallback category for transactions that don't match any rule.
UNCATEGORIZED = "other"


@dataclass
class Transaction:
    """A single row from the bank export."""

    date: datetime
    description: str
    amount: Decimal

    @property
    def month(self) -> str:
        """Return the month key in YYYY-MM format."""
        return self.date.strftime("%Y-%m")

    @property
    def is_expense(self) -> bool:
        """Expenses are stored as negative amounts."""
        return self.amount < 0


def categorize(description: str) -> str:
    """
    Assign a category to a transaction based on its description.

    Matching is case-insensitive and uses simple substring checks.
    """
    text = description.lower()
    for category, keywords in CATEGORY_RULES:
        # Check each keyword for the current category
        if any(keyword in text for keyword in keywords):
            return category
    return UNCATEGORIZED


def parse_row(row: Dict[str, str]) -> Optional[Transaction]:
    """
    Convert a CSV row into a Transaction.

    Returns None if the row is malformed, so the caller can skip it
    without aborting the whole report.
    """
    try:
        date = datetime.strptime(row["date"].strip(), "%Y-%m-%d")
        # Some exports use a comma as thousands separator; strip it.
        amount = Decimal(row["amount"].replace(",", "").strip())
    except (KeyError, ValueError, InvalidOperation):
        return None
    return Transaction(date=date, description=row.get("description", ""), amount=amount)


def load_transactions(path: str) -> List[Transaction]:
    """Read all valid transactions from the CSV file at `path`."""
    transactions = []
    skipped = 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            tx = parse_row(row)
            if tx is None:
                skipped += 1
                continue
            transactions.append(tx)
    if skipped:
        print(f"Warning: skipped {skipped} malformed row(s)")
    return transactions


def summarize(transactions: Iterable[Transaction]) -> Dict[str, Dict[str, Decimal]]:
    """
    Build a nested mapping: month -> category -> total spent.

    Only expenses are included. Totals are reported as positive numbers
    to make the output easier to read.
    """
    summary: Dict[str, Dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for tx in transactions:
        if not tx.is_expense:
            continue
        category = categorize(tx.description)
        summary[tx.month][category] += -tx.amount
    return summary


def format_change(current: Decimal, previous: Optional[Decimal]) -> str:
    """Format the month-over-month change as a percentage string."""
    if previous is None or previous == 0:
        return "   n/a"
    change = (current - previous) / previous * 100
    return f"{change:+6.1f}%"


def print_report(summary: Dict[str, Dict[str, Decimal]]) -> None:
    """Print the summary, one block per month, with comparisons."""
    months = sorted(summary)
    previous_month: Optional[str] = None

    for month in months:
        categories = summary[month]
        total = sum(categories.values(), Decimal(0))
        print(f"\n=== {month} (total: {total:,.2f}) ===")

        # Sort categories by amount spent, largest first
        for category, amount in sorted(categories.items(), key=lambda kv: kv[1], reverse=True):
            prev_amount = summary[previous_month].get(category) if previous_month else None
            change = format_change(amount, prev_amount)
            print(f"  {category:<15} {amount:>10,.2f}  {change}")

        previous_month = month


def main() -> None:
    """Entry point: parse arguments and print the report."""
    import argparse

    parser = argparse.ArgumentParser(description="Summarize monthly expenses from a bank CSV export.")
    parser.add_argument("csv_path", help="Path to the exported CSV file")
    args = parser.parse_args()

    transactions = load_transactions(args.csv_path)
    if not transactions:
        print("No transactions found.")
        return

    print_report(summarize(transactions))


if __name__ == "__main__":
    main()
