#!/usr/bin/env python3
"""Writes a Goodreads-format library export of N rows (default 10,000) to stdout, numbered from FIRST (default 0, so
`goodreads-csv.py 10000 20000` holds books 20000-29999 and several files make one large library): the header Goodreads writes, its
="…" ISBN cells, quoted reviews with commas, quotes and newlines, shelves that name categories and ones that don't.
Used by bench/library.sh and the CSV library measurement of ADR 0056."""
import csv, random, sys

HEADER = ["Book Id", "Title", "Author", "Author l-f", "Additional Authors", "ISBN", "ISBN13", "My Rating",
          "Average Rating", "Publisher", "Binding", "Number of Pages", "Year Published", "Original Publication Year",
          "Date Read", "Date Added", "Bookshelves", "Bookshelves with positions", "Exclusive Shelf", "My Review",
          "Spoiler", "Private Notes", "Read Count", "Owned Copies"]
SHELVES = ["science", "fantasy", "picture-book", "horror", "thriller", "romance", "poetry", "politics", "favourites", "owned"]

def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    rnd = random.Random(25 + first)
    out = csv.writer(sys.stdout, lineterminator="\r\n")
    out.writerow(HEADER)
    for i in range(first, first + rows):
        author = f"Author {rnd.randrange(400)}"
        shelf = rnd.choice(SHELVES)
        review = rnd.choice(["", f"Loved it, \"truly\" — {i}.", f"Line one\nline two of review {i}", "Ünïcödé ✓ 📚"])
        out.writerow([str(1000 + i), f"Book number {i}: a title, with commas", author, "Last, First", "",
                      f'="{rnd.randrange(10**9, 10**10)}"', f'="978{rnd.randrange(10**9, 10**10)}"', str(rnd.randrange(6)),
                      "3.97", "Publisher", "Paperback", str(rnd.randrange(80, 900)), "2001", "1999", "", "2020/01/02",
                      f"{shelf}, to-read", f"{shelf} (#{i})", "read", review, "", "", "1", "0"])

main()
