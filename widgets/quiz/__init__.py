"""Exercises: one question bank, graded in Jupyter and answered on the site."""

from widgets.quiz.bank import Bank, BankError, Question, load_bank, parse_bank
from widgets.quiz.grade import Result, grade
from widgets.quiz.session import Quiz

__all__ = ["Bank", "BankError", "Question", "Quiz", "Result", "grade", "load_bank", "parse_bank"]
