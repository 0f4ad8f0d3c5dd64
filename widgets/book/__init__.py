"""The course's part of the book build (Sphinx and myst-nb); imported only when a book is built."""
