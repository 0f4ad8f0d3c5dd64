"""Tables and numbers for the "about the models" page, generated from the models themselves so the
page can never drift from the code: each model's constants, each demo's parameters (from its
declaration and the model's allowed ranges), and every number the page's text states about a run
(``page_numbers``, glued into the text by ``glue_numbers``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from IPython.display import Markdown
from veerkracht.i18n import catalogue, check_language, number, tr
from veerkracht.models import MODELS

AND = {"nl": " en ", "en": " and "}
OR = {"nl": " of ", "en": " or "}


def constants_table(model: str, lang: str) -> Markdown:
    """A registered model's constants with their values and meaning, as a Markdown table."""
    lang = check_language(lang)
    entry = MODELS[model]
    rows = [tr(lang, "models.const_header"), "| --- | --- | --- |"]
    for name in entry.constants:
        value = getattr(entry.module, name)
        shown = f"{value:g}".replace(".", ",") if lang == "nl" else f"{value:g}"
        rows.append(f"| `{name}` | {shown} | {tr(lang, f'{model}.const.{name}')} |")
    return Markdown("\n".join(rows))


def influences_table(lang: str) -> Markdown:
    """The portfolio model's influences (which resource supports which), as a Markdown table."""
    from veerkracht.models.portfolio import RESOURCES, sources

    lang = check_language(lang)
    rows = [tr(lang, "models.influences_header"), "| --- | --- |"]
    for target in RESOURCES:
        names = ", ".join(tr(lang, f"portfolio.param.{s}").lower() for s in sources(target))
        rows.append(f"| {tr(lang, f'portfolio.param.{target}')} | {names} |")
    return Markdown("\n".join(rows))


def shown(value: float, lang: str) -> str:
    """A number as the page writes it: whole numbers without decimals, others with one."""
    return number(value, 0 if float(value).is_integer() else 1, lang)


def listed(values: list[str], lang: str, last: dict[str, str] = AND) -> str:
    """``30, 16, 11, 9 en 7``: a list as the text reads it."""
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + last[lang] + values[-1]


def model_ranges(model: str) -> dict[str, tuple[float, float]]:
    """What the model accepts per parameter (the demo's controls offer values inside it)."""
    module = MODELS[model].module
    if model == "portfolio":
        ranges = {name: (module.ABSENT, module.USED) for name in module.RESOURCES}
        return {**ranges, "chronic_load": module.CHRONIC_LOADS, "severity": module.SEVERITIES}
    return dict(module.RANGES)


def constants(model: str, lang: str) -> dict[str, str]:
    """The model's numeric constants as the page writes them (the circle's too, for the positions
    model that runs it): the fields of the parameters' meanings (``{SETBACK_WEEK}``)."""
    modules = [MODELS[model].module] + ([MODELS["cycle"].module] if model == "positions" else [])
    return {
        name: f"{value:g}".replace(".", "," if lang == "nl" else ".")
        for module in modules
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, int | float) and not isinstance(value, bool)
    }


def equation_fields(model: str, lang: str) -> dict[str, str]:
    """The model's constants, and the numbers its equations derive from them, as the page writes them."""
    from veerkracht.models import cycle, portfolio, spring

    fields = constants(model, lang)

    def put(name: str, value: float) -> None:
        fields[name] = f"{value:g}".replace(".", "," if lang == "nl" else ".")

    if model == "spring":
        low, high = spring.RANGES["resources"]
        put("LIMIT_LOW", spring.LIMIT_BASE + spring.LIMIT_PER_RESOURCE * low)
        put("LIMIT_HIGH", spring.LIMIT_BASE + spring.LIMIT_PER_RESOURCE * high)
    if model == "portfolio":
        put("SUPPORT_SHARE", 1 - portfolio.BASE_STRENGTH)
        put("MEAN_SHARE", 1 - portfolio.DIVERSITY)
        put("INDIVIDUAL_COUNT", len(portfolio.INDIVIDUAL))
        put("ENVIRONMENT_COUNT", len(portfolio.ENVIRONMENT))
        put("SPRING_RESOURCES_SPAN", portfolio.SPRING_RESOURCES_HIGH - portfolio.SPRING_RESOURCES_LOW)
    if model in ("cycle", "positions"):
        put("LINK_COUNT", len(cycle.LINKS))
        fields["STEEPNESS"] = str(cycle.LOOP_STEEPNESS)
    return fields


def equations(name: str, lang: str) -> Markdown:
    """An equation block of the page (``models.eq.<name>``: ``spring``, ``spring_limit``, ...), its
    numbers filled in from the model's constants: Markdown with its mathematics in LaTeX between
    dollars, which the book typesets as MathML at build time (``book/_ext/vk_math.py``) and Jupyter
    with its own typesetter."""
    lang = check_language(lang)
    model = name.split("_")[0]
    return Markdown(tr(lang, f"models.eq.{name}", **equation_fields(model, lang)))


def demo_spec(model: str):
    """The demo declaration of ``model`` (every model on the page has one)."""
    from importlib import import_module

    return import_module(f"veerkracht.demos.{model}").SPEC


def parameters_table(model: str, lang: str) -> Markdown:
    """Each parameter of the model's demo: the control, what it means, its unit, the values the demo
    offers (its starting value in bold) and the range the model accepts, as a Markdown table."""
    lang = check_language(lang)
    spec = demo_spec(model)
    ranges = model_ranges(model)
    fields = constants(model, lang)
    rows = [tr(lang, "models.param_header"), "| --- | --- | --- | --- | --- |"]
    for param in spec.params:
        if param.labels:
            values = [tr(lang, f"{param.labels}.{v:g}") for v in param.values]
            unit = tr(lang, "models.unit.choice")
            allowed = tr(lang, "models.range.choices")
        else:
            values = [shown(v, lang) for v in param.values]
            unit = tr(lang, f"models.unit.{param.unit or ('count' if param.integer else 'level')}")
            low, high = ranges[param.name]
            allowed = f"{shown(low, lang)}–{shown(high, lang)}"
        values = [f"**{text}**" if v == param.default else text for v, text in zip(param.values, values, strict=True)]
        key = f"models.meaning.{model}.{param.name}"
        meaning = tr(lang, key if key in catalogue(lang) else f"models.meaning.{model}.{param.group}", **fields)
        values_text = ("; " if param.labels else ", ").join(values)  # a choice's label may hold a comma
        rows.append(f"| {tr(lang, f'{model}.param.{param.name}')} | {meaning} | {unit} | {values_text} | {allowed} |")
    return Markdown("\n".join(rows))


def weeks(value: float, lang: str) -> str:
    """A recovery time as the page gives it: in whole weeks."""
    return shown(round(value), lang)


def _spring_numbers(lang: str) -> dict[str, str]:
    from veerkracht.models import spring

    spec = demo_spec("spring")
    defaults = dict(spec.defaults)

    def run(**changes: float) -> spring.SpringRun:
        return spring.simulate(spring.SpringParams(**{**defaults, **changes}))

    resources = spec.param("resources").values
    loads = spec.param("chronic_load").values
    by_resources = [run(resources=r) for r in resources]
    by_load = [run(chronic_load=c) for c in loads]
    presets = {name: run(**changes) for name, changes in spec.presets.items()}
    single = run(**{**spec.presets["quick_succession"], "setbacks": 1})
    grid = 1
    for param in spec.params:
        grid *= len(param.values)
    growth: dict[float, list[bool]] = {r: [] for r in resources}
    from itertools import product

    names = [p.name for p in spec.params]
    for values in product(*(p.values for p in spec.params)):
        params = dict(zip(names, values, strict=True))
        growth[params["resources"]].append(spring.simulate(spring.SpringParams(**params)).outcome == "growth")
    every = [g for runs in growth.values() for g in runs]

    def percent(share: float, digits: int) -> str:
        return number(100 * share, digits, lang) + "%"

    return {
        "spring_default_severity": shown(defaults["severity"], lang),
        "spring_default_duration": shown(defaults["duration"], lang),
        "spring_default_interval": shown(defaults["interval"], lang),
        "spring_load_max": shown(loads[-1], lang),
        "spring_resources_low": shown(resources[0], lang),
        "spring_resources_high": shown(resources[-1], lang),
        "spring_quick_resources": shown(spec.presets["quick_succession"]["resources"], lang),
        "spring_quick_interval": shown(spec.presets["quick_succession"]["interval"], lang),
        "spring_challenge_resources": shown(spec.presets["challenge"]["resources"], lang),
        "spring_challenge_severity": shown(spec.presets["challenge"]["severity"], lang),
        "spring_challenge_duration": shown(spec.presets["challenge"]["duration"], lang),
        "spring_time_scale_low": shown(1 / (spring.STIFFNESS_PER_RESOURCE * resources[0]), lang),
        "spring_time_scale_high": shown(1 / (spring.STIFFNESS_PER_RESOURCE * resources[-1]), lang),
        "spring_dent_loads_res1": listed(
            [shown(c, lang) for c in loads if run(resources=1, chronic_load=c).dented_at_start], lang, OR
        ),
        "spring_recovery_by_resources": listed([weeks(r.recovery_time, lang) for r in by_resources], lang),
        "spring_lowest_res_low": shown(round(by_resources[0].lowest), lang),
        "spring_lowest_res_high": shown(round(by_resources[-1].lowest), lang),
        "spring_rest_by_load": listed([shown(round(r.rest_start), lang) for r in by_load], lang),
        "spring_loads": listed([shown(c, lang) for c in loads], lang),
        "spring_lowest_load0": shown(round(by_load[0].lowest), lang),
        "spring_lowest_by_load": listed([shown(round(r.lowest), lang) for r in by_load[1:]], lang),
        "spring_recovery_load0": weeks(by_load[0].recovery_time, lang),
        "spring_recovery_by_load": listed(
            [weeks(r.recovery_time, lang) for r in by_load[1:] if r.recovery_time is not None], lang
        ),
        "spring_quick_lowest": shown(round(presets["quick_succession"].lowest), lang),
        "spring_quick_single_lowest": shown(round(single.lowest), lang),
        "spring_heavy_lowest": shown(round(presets["heavy"].lowest), lang),
        "spring_heavy_rest_end": shown(round(presets["heavy"].rest_end), lang),
        "spring_challenge_rest_end": shown(round(presets["challenge"].rest_end), lang),
        "spring_states": f"{grid:,}".replace(",", "." if lang == "nl" else ","),
        "spring_grid": " × ".join(str(len(p.values)) for p in spec.params),
        "spring_steps": shown(round(spring.HORIZON / spring.DT), lang),
        "spring_growth_share": percent(sum(every) / len(every), 1),
        "spring_growth_by_resources": listed([percent(sum(g) / len(g), 0) for g in growth.values()], lang),
    }


COMPARE_LOOP = 20  # the weaker circle the page compares the demo's starting one with


def _other_numbers(lang: str) -> dict[str, str]:
    from veerkracht.models import cycle, portfolio, positions

    spec = demo_spec("cycle")
    defaults = dict(spec.defaults)
    k = cycle.STRESS_RELIEF_PER_RESOURCE * defaults["resources"]
    tip, back = cycle.thresholds(k, defaults["loop"])
    tip20, back20 = cycle.thresholds(k, COMPARE_LOOP)
    states = 1
    for param in spec.params:
        states *= len(param.values)
    people = positions.simulate(positions.PositionsParams()).people
    helped = positions.simulate(positions.PositionsParams(lever=positions.LEVERS.index("resources"))).people["b"]
    return {
        "portfolio_count": f"3{'⁹' if len(portfolio.RESOURCES) == 9 else '^' + str(len(portfolio.RESOURCES))}"
        f" = {3 ** len(portfolio.RESOURCES):,}".replace(",", "." if lang == "nl" else ","),
        "cycle_default_resources": shown(defaults["resources"], lang),
        "cycle_default_loop": shown(defaults["loop"], lang),
        "cycle_tip": number(tip, 1, lang),
        "cycle_back": number(back, 1, lang).replace("-", "−"),
        "cycle_compare_loop": shown(COMPARE_LOOP, lang),
        "cycle_tip_20": number(tip20, 1, lang),
        "cycle_back_20": number(back20, 1, lang),
        "cycle_width_20": number(tip20 - max(back20, 0), 1, lang),
        "cycle_states": f"{states:,}".replace(",", "." if lang == "nl" else ","),
        "positions_resources_a": number(people["a"].resources, 1, lang),
        "positions_resources_b": number(people["b"].resources, 1, lang),
        "positions_resources_b_helped": number(helped.resources_after, 1, lang),
    }


def page_numbers(lang: str) -> dict[str, str]:
    """Every number the models page states about a run, as the page writes it in ``lang``. (Its
    constants are glued too, as ``<model>_<NAME>``: ``spring_W_UNLOADED``.)"""
    lang = check_language(lang)
    return {**_spring_numbers(lang), **_other_numbers(lang)}


def glued_numbers(lang: str) -> dict[str, str]:
    """What the models page's text names with ``{glue:md}`name```: :func:`page_numbers`, and each
    model's constants as ``<model>_<NAME>``. The page glues them (:func:`glue_numbers`); the
    notebooks made from it outside the book put them in as text (``tools/plain_markdown.py``)."""
    values = dict(page_numbers(lang))
    for model in MODELS:
        values.update({f"{model}_{name}": text for name, text in constants(model, lang).items()})
    return values


def glue_texts(texts: Callable[[], Mapping[str, str]]) -> None:
    """Glue each of ``texts()`` (name to Markdown) under its name, for a page's ``{glue:md}`` roles.

    Only the book reads them: in a kernel without myst-nb (JupyterLab, the live app) nothing is
    computed or glued, and the notebooks made from a page for outside the book already hold the
    texts in place of the roles (``tools/plain_markdown.py``)."""
    try:
        from myst_nb import glue
    except ImportError:
        return
    for name, text in texts().items():
        glue(name, Markdown(text), display=False)


def glue_numbers(lang: str) -> None:
    """Glue each of :func:`glued_numbers` under its name, for the page's ``{glue:md}`` roles."""
    glue_texts(lambda: glued_numbers(lang))
