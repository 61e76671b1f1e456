"""Install, configure, run and purge each real MTA from Debian, one at a time.

They all provide mail-transport-agent and conflict, so each is installed, used and purged before
the next. Every MTA gets: loopback-only listener on port 25, a static route per test domain to
127.0.0.1:<that domain's port> (no DNS), the sender's domain routed to the sink, queue lifetimes
of a few minutes and delay warnings after under a minute, and SMTPUTF8 where it can.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

APT_ENV = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
LIFETIME_S = 150  # 4xx replies bounce after this
WARN_S = 45  # delay warning after this


def run(cmd: list[str], check: bool = True, **kw) -> subprocess.CompletedProcess:
    print("  $", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=check, text=True, capture_output=True, env=APT_ENV, **kw)


def installed(pkg: str) -> bool:
    p = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
    return "install ok installed" in p.stdout


def pids_of(exe: str) -> list[int]:
    """Pids whose executable is exactly `exe` (read from /proc; never a pattern match)."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if os.readlink(f"/proc/{d}/exe") == exe:
                    out.append(int(d))
            except OSError:
                pass
    return out


class MTA:
    name = ""
    packages: list[str] = []
    subjects_delay: tuple[str, ...] = ()
    per_host_ips = False  # needs a loopback address of its own per "MX" (see OpenSMTPD)
    smtputf8 = True  # takes RFC 6531 (UTF-8) addresses
    quoted_local = True  # takes quoted-string local parts such as "john..doe"@

    def __init__(self, routes: dict[str, int], sender_domain: str, sink_port: int, hostname: str):
        self.routes, self.sender_domain, self.sink_port, self.hostname = routes, sender_domain, sink_port, hostname

    def host_for(self, port: int) -> str:
        """The loopback address the receiver for `port` listens on."""
        return f"127.0.0.{port % 200 + 2}" if self.per_host_ips else "127.0.0.1"

    def install(self) -> None:
        pre = [p for p in self.packages if installed(p)]
        if pre:
            raise SystemExit(f"{pre} already installed: refusing to touch an MTA this tool did not install")
        run(["apt-get", "install", "-y", "--no-install-recommends", *self.packages])

    def purge(self) -> None:
        run(["apt-get", "purge", "-y", "--no-remove", *self.packages], check=False)
        run(["apt-get", "purge", "-y", *self.packages], check=False)

    def configure(self) -> None: ...
    def start(self) -> None: ...
    def stop(self) -> None: ...
    def flush(self) -> None: ...
    def version(self) -> str:
        p = subprocess.run(["dpkg-query", "-W", "-f=${Version}", self.packages[0]], capture_output=True, text=True)
        return p.stdout.strip()

    def _kill(self, exe: str) -> None:
        for pid in pids_of(exe):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for _ in range(50):
            if not pids_of(exe):
                return
            time.sleep(0.1)


class Postfix(MTA):
    name = "postfix"
    packages = ["postfix"]
    subjects_delay = ("Delayed Mail",)

    def install(self) -> None:
        subprocess.run(["debconf-set-selections"], input="postfix postfix/main_mailer_type select No configuration\n",
                       text=True, check=True)
        super().install()

    def configure(self) -> None:
        etc = Path("/etc/postfix")
        lines = [f"{d} smtp:[127.0.0.1]:{port}" for d, port in self.routes.items()]
        lines.append(f"{self.sender_domain} smtp:[127.0.0.1]:{self.sink_port}")
        (etc / "mta_corpus_transport").write_text("\n".join(lines) + "\n")
        (etc / "main.cf").write_text(f"""# written by tools/mta_corpus (throwaway machine only)
compatibility_level = 3.6
myhostname = {self.hostname}
mydomain = {self.sender_domain}
myorigin = $mydomain
mydestination = $myhostname, localhost
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
transport_maps = texthash:/etc/postfix/mta_corpus_transport
smtp_dns_support_level = disabled
smtputf8_enable = yes
alias_maps =
alias_database =
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
maximal_queue_lifetime = {LIFETIME_S}s
bounce_queue_lifetime = {LIFETIME_S}s
delay_warning_time = {WARN_S}s
queue_run_delay = 10s
minimal_backoff_time = 10s
maximal_backoff_time = 20s
smtp_tls_security_level = none
biff = no
append_dot_mydomain = no
""")
        Path("/etc/mailname").write_text(self.hostname + "\n")

    def start(self) -> None:
        run(["postfix", "check"], check=False)
        run(["postfix", "start"])

    def stop(self) -> None:
        run(["postfix", "stop"], check=False)
        time.sleep(2)

    def flush(self) -> None:
        run(["postqueue", "-f"], check=False)

    def queue_empty(self) -> bool:
        p = run(["postqueue", "-p"], check=False)
        return "Mail queue is empty" in p.stdout


class Exim(MTA):
    name = "exim"
    packages = ["exim4-daemon-light", "exim4-config", "exim4-base"]
    subjects_delay = ("Warning: message",)
    conf = Path("/etc/exim4/exim4.conf")

    def configure(self) -> None:
        routers = []
        for d, port in self.routes.items():
            routers.append(f"""to_{d.replace('.', '_').replace('-', '_')}:
  driver = manualroute
  domains = {d}
  transport = smtp_{port}
  route_list = * 127.0.0.1 byname
  self = send
""")
        routers.append(f"""to_sink:
  driver = manualroute
  domains = {self.sender_domain}
  transport = smtp_{self.sink_port}
  route_list = * 127.0.0.1 byname
  self = send
""")
        transports = [f"""smtp_{port}:
  driver = smtp
  port = {port}
  allow_localhost
  hosts_avoid_tls = *
""" for port in sorted(set(self.routes.values()) | {self.sink_port})]
        self.conf.write_text(f"""# written by tools/mta_corpus (throwaway machine only)
primary_hostname = {self.hostname}
qualify_domain = {self.sender_domain}
local_interfaces = 127.0.0.1
daemon_smtp_ports = 25
host_lookup =
rfc1413_hosts =
never_users =
trusted_users = root
acl_smtp_rcpt = acl_check_rcpt
smtputf8_advertise_hosts = *
delay_warning = {WARN_S}s
timeout_frozen_after = 10m
ignore_bounce_errors_after = 10m
message_size_limit = 50M
log_file_path = /var/log/exim4/%slog
spool_directory = /var/spool/exim4
exim_user = Debian-exim
exim_group = Debian-exim

begin acl
acl_check_rcpt:
  accept hosts = : 127.0.0.1
  deny message = relay not permitted

begin routers
{''.join(routers)}
begin transports
{''.join(transports)}
begin retry
*  *  F,{LIFETIME_S}s,10s

begin rewrite
""")
        Path("/etc/mailname").write_text(self.hostname + "\n")

    def start(self) -> None:
        p = run(["exim4", "-bV"], check=False)
        print("  " + "\n  ".join(ln for ln in p.stdout.splitlines() if "Support for" in ln or "Configuration file" in ln))
        run(["exim4", "-bd", "-q10s"])

    def stop(self) -> None:
        self._kill("/usr/sbin/exim4")

    def flush(self) -> None:
        run(["exim4", "-qf"], check=False)

    def queue_empty(self) -> bool:
        return run(["exim4", "-bpc"], check=False).stdout.strip() == "0"


class OpenSMTPD(MTA):
    name = "opensmtpd"
    packages = ["opensmtpd"]
    subjects_delay = ("Delayed",)
    conf = Path("/etc/smtpd.conf")
    # OpenSMTPD 6.8 (Debian 12) offers no SMTPUTF8 and answers "501 5.1.3 Recipient address
    # syntax error" to UTF-8 and to quoted local parts alike: such recipients get plain ones.
    smtputf8 = False
    quoted_local = False
    # OpenSMTPD keys connection limits and error penalties by host IP, not by IP and port: with
    # every "MX" on 127.0.0.1 one 421 stalls them all. Each MX gets its own 127.0.0.x instead.
    per_host_ips = True

    def configure(self) -> None:
        out = [
            "# written by tools/mta_corpus (throwaway machine only)",
            "listen on 127.0.0.1 port 25",
            f"queue ttl {LIFETIME_S}s",
            f"bounce warn-interval {WARN_S}s",
        ]
        for port in sorted(set(self.routes.values()) | {self.sink_port}):
            out.append(f'action "to_{port}" relay host smtp://{self.host_for(port)}:{port}')
        for d, port in self.routes.items():
            out.append(f'match from any for domain "{d}" action "to_{port}"')
        out.append(f'match from any for domain "{self.sender_domain}" action "to_{self.sink_port}"')
        self.conf.write_text("\n".join(out) + "\n")
        Path("/etc/mailname").write_text(self.hostname + "\n")

    def start(self) -> None:
        run(["smtpd", "-n", "-f", str(self.conf)])
        # No DNS here: smtpd still asks the (unreachable) resolver for PTR records of the relay
        # host; one quick try instead of glibc's default 5 s x 2 keeps it from crawling.
        subprocess.run(["smtpd", "-f", str(self.conf)], check=True,
                       env=dict(os.environ, RES_OPTIONS="timeout:1 attempts:1"))

    def stop(self) -> None:
        self._kill("/usr/sbin/smtpd")

    def flush(self) -> None:
        run(["smtpctl", "schedule", "all"], check=False)

    def queue_empty(self) -> bool:
        p = run(["smtpctl", "show", "queue"], check=False)
        return p.returncode == 0 and not p.stdout.strip()


ALL = {"postfix": Postfix, "exim": Exim, "opensmtpd": OpenSMTPD}


def clean_spool(mta: MTA) -> None:
    for d in {"postfix": ["/var/spool/postfix"], "exim": ["/var/spool/exim4"],
              "opensmtpd": ["/var/spool/smtpd"]}.get(mta.name, []):
        shutil.rmtree(d, ignore_errors=True)
