from eval.risk_coverage import curve


def test_risk_is_the_share_of_wrong_answers_among_the_most_confident():
    outcomes = [{"margin": 9.0, "right": True}, {"margin": 8.0, "right": False}, {"margin": 5.0, "right": True},
                {"margin": 1.0, "right": False}, {"margin": 7.0, "right": False, "answered": False}]  # a rule abstained
    rows = curve(outcomes, threshold=4.0, steps=5)
    assert [(r["answered"], r["risk"]) for r in rows[:-1]] == [(1, 0.0), (2, 0.5), (3, 0.333), (4, 0.5)]
    assert rows[-1]["at_threshold"] and rows[-1]["answered"] == 3 and rows[-1]["coverage"] == 0.6
