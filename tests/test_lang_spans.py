"""The lang_spans filter marks CJK runs and escapes everything."""

from django.template import Context, Template


def test_it_wraps_cjk_runs_and_escapes_the_rest():
    out = Template("{% load script_lang %}{{ v|lang_spans }}").render(
        Context({"v": "<b>Kim</b> 김민준"})
    )
    assert out == '&lt;b&gt;Kim&lt;/b&gt; <span lang="ko">김민준</span>'
