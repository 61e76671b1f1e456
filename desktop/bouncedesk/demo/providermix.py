"""The demo's receiving providers: named as the user's own providers, and the quiet mail per provider.

The demo's recipients sit at fictitious providers (resources/demo/servers.json "providers"); they
are stored as the user's own providers before the first message is ingested, as a user would add
a regional provider, so provider health groups the demo's bounces by them. Most of the shop's mail
goes to quiet recipients who never cause a report (demo.sentvolume); their recipients are spread
over the providers by the weights of the demo's domains, so every provider has a bounce rate.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping

from bouncedesk.classify.receivers import provider_of
from bouncedesk.demo.world import seed_data
from bouncedesk.store.db import transaction
from bouncedesk.store.providers import USER_PROVIDERS_SETTING, add_provider_sent, receivers_for
from bouncedesk.store.settings import put_setting

DAY = 86400


def demo_providers(servers: Mapping) -> dict[str, dict]:
    """The demo's providers as the user-providers setting holds them."""
    return {k: dict(v) for k, v in servers.get("providers", {}).items() if isinstance(v, dict)}


def store_demo_providers(conn: sqlite3.Connection, now: int) -> None:
    """Before the first message: the demo's providers as the user's own."""
    put_setting(conn, USER_PROVIDERS_SETTING, demo_providers(seed_data()[1]), now)


def provider_weights(conn: sqlite3.Connection, servers: Mapping) -> dict[str, float]:
    """Share of the quiet mail per provider: the demo domains' weights, by recipient domain or MX."""
    receivers = receivers_for(conn)
    weights: Counter = Counter()
    for d in servers["domains"]:
        weights[provider_of(d["domain"], d.get("mx", ""), receivers)] += float(d["weight"])
    return dict(weights)


def spread(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """`total` split by `weights` in whole numbers that add up (largest remainders get the rest)."""
    whole = sum(weights.values())
    if total <= 0 or whole <= 0:
        return {}
    exact = {k: total * w / whole for k, w in weights.items()}
    out = {k: int(v) for k, v in exact.items()}
    rest = total - sum(out.values())
    for k in sorted(exact, key=lambda k: (out[k] - exact[k], k))[:rest]:
        out[k] += 1
    return out


def add_quiet_provider_sent(conn: sqlite3.Connection, sent_per_day: Mapping[int, int]) -> int:
    """Add the recipients sent per day that no header recorded (the quiet ones) to the providers' counts."""
    known = dict(conn.execute("SELECT day, sum(count) FROM provider_sent GROUP BY day").fetchall())
    weights = provider_weights(conn, seed_data()[1])
    counts: dict[tuple[int, str], int] = {}
    for day, n in sent_per_day.items():
        for prov, k in spread(n - known.get(day, 0), weights).items():
            counts[(int(day), prov)] = k
    with transaction(conn):
        add_provider_sent(conn, counts)
    return sum(counts.values())
