"""Importable copies of fixtures' data for tests that need it at module level."""
from conftest import MINI_COMPILATION as MINI  # noqa: F401

# a one-report file to add to the mini index (report 4 once added)
NEW_REPORT = """丙区双拥工作综述
（2023年9月1日）
　　丙区为驻地部队新建营房3栋，安置退役军人就业216人。
　　丙区开展拥军优属慰问活动80余次，发放慰问金45万元。
"""
