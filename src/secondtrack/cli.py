"""The `secondtrack` command: the front door for operators (design §5)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secondtrack.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def cmd_serve(args: argparse.Namespace) -> int:
    _setup()
    _migrate()
    import uvicorn

    from secondtrack.taskqueue.runner import embedded

    embedded.start()  # SECONDTRACK_TASKS=embedded: run tasks here, leftovers of a crash too
    print(f"secondtrack is serving on http://{args.host}:{args.port}/ (Ctrl+C stops it)")
    # No access log: it would pair addresses with contribution and vote requests.
    uvicorn.run(
        "secondtrack.asgi:application",
        host=args.host,
        port=args.port,
        access_log=False,
        log_level="warning",
        lifespan="off",
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _setup()
    _migrate()
    import logging

    from secondtrack.demo.load import load_demo, send_demo_mail

    quiet = logging.getLogger("secondtrack.notifications")
    level, quiet.level = quiet.level, logging.ERROR  # the one-line warning below says it
    try:
        accounts = load_demo(password=args.password, send_mail=args.send_mail)
        warning = send_demo_mail() if args.send_mail else None
    finally:
        quiet.setLevel(level)
    print(f"Demo dialogue loaded. Accounts (log in at http://{args.host}:{args.port}/login/):")
    for account in accounts:
        print(f"  {account.role:<22} {account.email:<34} {account.note}")
    print(f"  password for every demo account: {accounts[0].password}")
    if not args.send_mail:
        print("  no e-mail was sent (use --send-mail to send the demo's notices)")
    _demo_second_factor(accounts)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _demo_second_factor(accounts) -> None:
    """Convenors and admins sign in with a second factor: give each demo one an authenticator
    key and recovery codes, printed, so that the demo can be entered (docs/operators.md)."""
    from secondtrack.access.standing import requires_second_factor
    from secondtrack.accounts.models import User
    from secondtrack.accounts.twofactor import enrol_for_demo

    needing = [a for a in accounts if requires_second_factor(User.objects.get(email=a.email))]
    if not needing:
        print("  second factor: not required here (SECONDTRACK_REQUIRE_2FA=false)")
        return
    print("Convenors and admins sign in with a second factor: after the password, give the")
    print("code of an authenticator app holding this key (or `oathtool --totp -b KEY`), or")
    print("one of the single-use recovery codes.")
    for account in needing:
        key, codes = enrol_for_demo(User.objects.get(email=account.email))
        print(f"  {account.email}: authenticator key {key}")
        print(f"  {' ' * len(account.email)}  recovery codes {' '.join(codes)}")


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        print(f"error: {path} does not exist.", file=sys.stderr)
        return 2
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"error: {path} is not valid JSON: {error}", file=sys.stderr)
        return 2
    _setup()
    _migrate()
    from secondtrack.registry.commands import run_import

    return run_import(path, data, args.source, args.dry_run)


def cmd_export_registry(args: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from secondtrack.registry.commands import run_export

    return run_export(Path(args.out))


def cmd_merge(args: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from secondtrack.registry.commands import run_merge

    return run_merge(args.survivor, args.merged)


def cmd_createadmin(args: argparse.Namespace) -> int:
    _setup()
    _migrate()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from secondtrack.accounts.models import User

    password = args.password or os.environ.get("SECONDTRACK_ADMIN_PASSWORD")
    if not password:
        password = getpass.getpass("Password for the platform admin: ")
    try:
        validate_password(password)
    except ValidationError as error:
        print("error: " + " ".join(error.messages), file=sys.stderr)
        return 1
    email = args.email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        User.objects.create_superuser(email, password)
        print(f"Platform admin {email} created. The admin is at /admin/.")
    else:
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        print(f"{email} is now a platform admin; password updated.")
    return 0


def cmd_opinion(args: argparse.Namespace) -> int:
    from secondtrack.core.opinion import OpinionError, cli_report

    try:
        print(
            cli_report(
                args.votes,
                args.comments,
                as_json=args.json,
                resamples=args.resamples,
                all_items=args.all,
            )
        )
    except FileNotFoundError as error:
        print(f"error: {error.filename} does not exist.", file=sys.stderr)
        return 2
    except OpinionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _setup()
    from secondtrack.reports.models import Report, ReportVersion
    from secondtrack.reports.rendering import UnknownFormat, render

    versions = ReportVersion.objects.filter(report__meeting_id=args.meeting)
    if args.report:
        versions = versions.filter(report_id=args.report)
    version = versions.select_related("report__series").order_by("-published_on", "-number").first()
    if version is None:
        what = f"report {args.report}" if args.report else f"meeting {args.meeting}"
        print(f"error: {what} has no published report to export.", file=sys.stderr)
        return 1
    try:
        out = render(version, args.format)
    except UnknownFormat as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    Path(args.out).write_bytes(out.data)
    kind = Report.Kind(version.report.kind).label
    print(f"Wrote {kind} “{version.title}” v{version.number} as {args.format} to {args.out}.")
    return 0


def _scan_scanner(args: argparse.Namespace):
    """The scanner for --registry (cached on disk, keyed by the file's hash) or --meeting."""
    from secondtrack.core.deattribution import Registry, Scanner
    from secondtrack.core.deattribution.cache import cached_scanner

    if args.registry:
        raw = Path(args.registry).read_bytes()
        if args.no_cache:
            return Scanner(Registry.from_dict(json.loads(raw.decode("utf-8"))), k=args.k)
        return cached_scanner(raw, args.k)[0]
    _setup()
    from secondtrack.attribution.services import meeting_registry
    from secondtrack.dialogues.models import Meeting

    meeting = Meeting.objects.filter(id=args.meeting).first()
    if meeting is None:
        raise LookupError(f"there is no meeting {args.meeting}.")
    return Scanner(Registry.from_dict(meeting_registry(meeting)), k=args.k)


def cmd_scan(args: argparse.Namespace) -> int:
    from secondtrack.core.deattribution import RegistryError

    try:
        text = Path(args.file).read_text(encoding="utf-8")
        scanner = _scan_scanner(args)
    except FileNotFoundError as error:
        print(f"error: {error.filename} does not exist.", file=sys.stderr)
        return 2
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"error: cannot read the input: {error}", file=sys.stderr)
        return 2
    except (RegistryError, LookupError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        findings = scanner.scan(text, author=args.author)
    except KeyError as error:
        print(f"error: {error.args[0]}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"findings": [f.to_dict() for f in findings]}, ensure_ascii=False))
    else:
        for f in findings:
            line = text.count("\n", 0, f.start) + 1
            print(
                f"{args.file}:{line}: {f.severity} {f.category} “{text[f.start : f.end]}” → "
                f"“{f.replacement}”: {f.explanation}"
            )
        print(f"{len(findings)} finding(s).")
    return 1 if findings else 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run background tasks from the database until stopped (design §5); run several."""
    _setup()
    _migrate()
    from django.conf import settings
    from django.utils.crypto import get_random_string

    from secondtrack.taskqueue.runner import LeasedWorker

    if settings.SECONDTRACK_TASKS == "inline":
        print(
            "error: SECONDTRACK_TASKS=inline runs tasks in the server: no worker needed.",
            file=sys.stderr,
        )
        return 2
    worker = LeasedWorker(
        worker_id=args.worker_id or f"worker-{os.getpid()}-{get_random_string(8)}",
        interval=args.interval,
        batch=args.batch,
    )
    worker.configure_signals()
    print(f"secondtrack worker {worker.worker_id} is running tasks (Ctrl+C stops it)", flush=True)
    worker.run()
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["secondtrack manage", *args.rest])
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    """Create or update a meeting and its timetable from a TOML file: all or nothing."""
    from secondtrack.core.meeting_plan import PlanErrors, read_plan

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except OSError as error:
        print(f"{args.file}: cannot read it ({error.strerror})", file=sys.stderr)
        return 2
    try:
        plan = read_plan(text)
        _setup()
        _migrate()
        from secondtrack.dialogues.plan import apply_plan

        result = apply_plan(plan)
    except PlanErrors as errors:
        for problem in errors.problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        print("Nothing was written: fix these and run the plan again.", file=sys.stderr)
        return 1
    verb = "created" if result.created else "updated"
    print(
        f"Meeting {result.meeting.id} ({result.meeting.title}) {verb}: {result.added} sessions "
        f"added, {result.updated} updated, {result.removed} removed."
    )
    for title in result.kept:
        print(f"  kept '{title}': it has started, so it stays on the timetable")
    return 0


def _port(raw: str) -> int:
    """A TCP port (from --port or the PORT environment variable)."""
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a port number: use 1 to 65535")
    return int(raw)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="secondtrack", description="Run Track Two dialogues under the Chatham House Rule."
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    serve = verbs.add_parser("serve", help="migrate if needed and serve the web app and API")
    serve.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
    serve.add_argument("--port", type=_port, default=os.environ.get("PORT") or "8000")
    serve.set_defaults(func=cmd_serve)

    demo = verbs.add_parser("demo", help="load the fictional demo dialogue and print its accounts")
    demo.add_argument("--password", help="password for every demo account (default: random)")
    demo.add_argument(
        "--host", default=os.environ.get("HOST") or "127.0.0.1", help="address to print"
    )
    demo.add_argument(
        "--port", type=_port, default=os.environ.get("PORT") or "8000", help="port to print"
    )
    demo.add_argument(
        "--send-mail",
        action="store_true",
        help="send the demo's e-mail notices (default: none is sent)",
    )
    demo.set_defaults(func=cmd_demo)

    imp = verbs.add_parser("import", help="import a registry JSON file, all or nothing")
    imp.add_argument("file", metavar="REGISTRY.json")
    imp.add_argument("--source", help="the source its ids belong to (default: the file's name)")
    imp.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    imp.set_defaults(func=cmd_import)

    exp = verbs.add_parser("export-registry", help="write the registry as interchange JSON")
    exp.add_argument("--out", required=True, metavar="FILE", help="a file, or - for stdout")
    exp.set_defaults(func=cmd_export_registry)

    merge = verbs.add_parser("merge", help="fold person B's record into person A's")
    merge.add_argument("survivor", metavar="A", help="person id or SOURCE:ID; kept")
    merge.add_argument("merged", metavar="B", help="person id or SOURCE:ID; folded into A")
    merge.set_defaults(func=cmd_merge)

    admin = verbs.add_parser("createadmin", help="create or promote a platform admin")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", help="else SECONDTRACK_ADMIN_PASSWORD, else a prompt")
    admin.set_defaults(func=cmd_createadmin)

    opinion = verbs.add_parser("opinion", help="opinion groups for a Polis export (votes.csv)")
    opinion.add_argument("votes", metavar="VOTES.csv")
    opinion.add_argument("--comments", metavar="COMMENTS.csv")
    opinion.add_argument("--json", action="store_true", help="print JSON (design §5)")
    opinion.add_argument(
        "--resamples",
        type=int,
        default=20,
        metavar="N",
        help="bootstrap resamples for stability and survival (default 20; 0: none)",
    )
    opinion.add_argument(
        "--all", action="store_true", help="every consensus statement, not the top 5 per direction"
    )
    opinion.set_defaults(func=cmd_opinion)

    scan = verbs.add_parser("scan", help="attribution findings for a text file")
    scan.add_argument("file", metavar="FILE")
    source = scan.add_mutually_exclusive_group(required=True)
    source.add_argument("--meeting", type=int, metavar="ID", help="against a meeting's people")
    source.add_argument("--registry", metavar="REGISTRY.json", help="against a registry file")
    scan.add_argument("--json", action="store_true", help="print findings as JSON (design §5)")
    scan.add_argument("-k", type=int, default=3, help="smallest crowd a description may fit")
    scan.add_argument(
        "--no-cache",
        action="store_true",
        help="build the scanner afresh (by default a registry file's scanner is cached "
        "under the data folder or $XDG_CACHE_HOME, keyed by the file's hash)",
    )
    scan.add_argument(
        "--author",
        metavar="ID",
        help="scan as written by this person (registry id, or person id with --meeting): "
        "what narrows the author down comes as category author",
    )
    scan.set_defaults(func=cmd_scan)

    export = verbs.add_parser("export", help="write a meeting's published report to a file")
    export.add_argument("meeting", type=int, metavar="MEETING_ID")
    export.add_argument("--format", required=True, choices=["html", "pdf", "epub", "md"])
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--report", help="a report id, when the meeting has several")
    export.set_defaults(func=cmd_export)

    plan = verbs.add_parser("plan", help="create or update a meeting and its timetable (TOML)")
    plan.add_argument("file", metavar="MEETING.toml")
    plan.set_defaults(func=cmd_plan)

    worker = verbs.add_parser(
        "worker", help="run background tasks: deliveries, mail, rendering, recomputation"
    )
    worker.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    worker.add_argument("--batch", action="store_true", help="run what is ready, then exit")
    worker.add_argument("--worker-id", help="unique per worker (default: generated)")
    worker.set_defaults(func=cmd_worker)

    manage = verbs.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
