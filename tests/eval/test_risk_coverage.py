from eval.risk_coverage import curve


def test_risk_is_the_share_of_wrong_answers_among_the_most_confident():
    outcomes = [{"margin": 9.0, "right": True}, {"margin": 8.0, "right": False}, {"margin": 5.0, "right": True},
                {"margin": 1.0, "right": False}, {"margin": 7.0, "right": False, "answered": False}]  # a rule abstained
    rows = curve(outcomes, threshold=4.0, steps=5)
    assert [(r["answered"], r["risk"]) for r in rows[:-1]] == [(1, 0.0), (2, 0.5), (3, 0.333), (4, 0.5)]
    assert rows[-1]["at_threshold"] and rows[-1]["answered"] == 3 and rows[-1]["coverage"] == 0.6


def test_answers_marked_high_are_those_given_with_confidence_of_at_least_0_8():
    from eval.risk_coverage import marked_high

    outcomes = [{"margin": 9.0, "score": 9.0, "right": True}, {"margin": 8.0, "score": 8.0, "right": False},
                {"margin": 5.0, "score": 1.0, "right": True},  # given, but 中
                {"margin": 1.0, "score": 9.0, "right": True},  # below the threshold: not given
                {"margin": 7.0, "score": 7.0, "right": True, "answered": False}]  # a rule abstained
    got = marked_high(outcomes, 4.0, lambda score: 0.9 if score > 5 else 0.6)
    assert got == {"given": 3, "high": 2, "right_among_high": 0.5}
