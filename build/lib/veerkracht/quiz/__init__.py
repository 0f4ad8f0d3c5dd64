"""Exercises: one question bank, graded in Jupyter and answered on the site."""

from veerkracht.quiz.bank import Bank, BankError, Question, load_bank, parse_bank
from veerkracht.quiz.grade import Result, grade
from veerkracht.quiz.session import Quiz

__all__ = ["Bank", "BankError", "Question", "Quiz", "Result", "grade", "load_bank", "parse_bank"]
