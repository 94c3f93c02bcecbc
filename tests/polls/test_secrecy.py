"""Ballot secrecy against someone who holds the database, tried the way it was broken.

The attacker is a PostgreSQL superuser after the poll has closed: they read the write-ahead log
with pg_walinspect and as raw segment files, and every page of the ballot tables, free space
included, with pageinspect. Nothing they find may link a voter (whose participation row names
them and carries their transaction id) to a ballot. Needs real commits, hence transaction=True.
"""

import struct
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from accounts.models import Role
from polls import sealing, services
from polls.models import Ballot, Participation, Poll, SealedBallot
from tests.accounts.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)"),
    pytest.mark.django_db(transaction=True),
]

MARKS = "ABCD"
WAL_PAGE = 8192
# WAL page headers (MAXALIGNed XLogLongPageHeaderData / XLogPageHeaderData) sit between the
# bytes of a record that crosses a page; they are skipped to read a record's bytes whole.
LONG_HEADER, SHORT_HEADER = 40, 24
# WAL records that lock or tidy existing tuples without writing one, and the participation id
# sequence's own log record.
NO_ROW_WRITTEN = {
    *(("Heap", kind) for kind in ("LOCK", "INPLACE")),
    *(("Heap2", kind) for kind in ("LOCK_UPDATED", "PRUNE", "VACUUM", "VISIBLE", "FREEZE_PAGE")),
    ("Sequence", "LOG"),
}


def _patterns(subject_ids, n):
    """n different grade ballots over three subjects, some with a blank (None)."""
    codes = [*MARKS, None]
    patterns = []
    for i in range(n):
        pattern = (codes[i % 5], codes[(i // 5 + i) % 5], codes[(3 * i + 1) % 4])
        patterns.append(dict(zip(subject_ids, pattern, strict=True)))
    assert len({tuple(p.values()) for p in patterns}) == n
    return patterns


def _rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _value(sql, params=()):
    return _rows(sql, params)[0][0]


def _relfilenodes(table: str) -> set[tuple[int, int]]:
    """The table's file, its TOAST table's and every index's, as (database, relfilenode): what a
    WAL block reference names. The WAL is the whole cluster's, other databases included."""
    return {
        (int(database), int(node))
        for (database, node) in _rows(
            """
            SELECT (SELECT oid FROM pg_database WHERE datname = current_database()),
                   pg_relation_filenode(c.oid)
            FROM pg_class c
            WHERE c.oid = %(t)s::regclass
               OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE oid = %(t)s::regclass)
               OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN (
                   %(t)s::regclass,
                   (SELECT reltoastrelid FROM pg_class WHERE oid = %(t)s::regclass)))
            """,
            {"t": table},
        )
        if node
    }


def _blocks(table: str) -> list[bytes]:
    pages = _value("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
    return [bytes(_value("SELECT get_raw_page(%s, %s)", [table, n])) for n in range(pages)]


def _tuple_xmins(table: str) -> list[str]:
    """t_xmin of every tuple a line pointer still points to, on every page."""
    return [
        xmin
        for n in range(len(_blocks(table)))
        for (xmin,) in _rows(
            "SELECT t_xmin::text FROM heap_page_items(get_raw_page(%s, %s)) WHERE lp_flags = 1",
            [table, n],
        )
    ]


def _aligned_words(page: bytes) -> set[int]:
    """Every MAXALIGNed 4-byte word of a page, free space included: where a tuple header's t_xmin
    would sit, live or pruned. This is how the pruned copies were recovered before."""
    return {struct.unpack_from("<I", page, offset)[0] for offset in range(0, len(page) - 3, 8)}


def _lsn(text: str) -> int:
    high, low = text.split("/")
    return (int(high, 16) << 32) | int(low, 16)


class Wal:
    """The raw WAL between two LSNs, read from the segment files as a superuser can."""

    def __init__(self, start: str, end: str):
        self.segment = int(
            _value("SELECT setting::int FROM pg_settings WHERE name = 'wal_segment_size'")
        )
        self.start, self.end = _lsn(start), _lsn(end)
        self.base = self.start - self.start % self.segment
        data = b""
        for offset in range(self.base, self.end, self.segment):
            # pg_walfile_name names the previous segment for an LSN on a boundary: ask one byte in.
            inside = offset + 1
            name = _value(
                "SELECT pg_walfile_name(%s::pg_lsn)", [f"{inside >> 32:X}/{inside & 0xFFFFFFFF:X}"]
            )
            data += bytes(_value("SELECT pg_read_binary_file(%s)", [f"pg_wal/{name}"]))
        self.data = data

    def between(self, start: int, end: int) -> bytes:
        """The record bytes from start to end, without the page headers in between."""
        out, pos = bytearray(), start
        while pos < end:
            page = pos - pos % WAL_PAGE
            header = LONG_HEADER if page % self.segment == 0 else SHORT_HEADER
            pos = max(pos, page + header)
            stop = min(end, page + WAL_PAGE)
            out += self.data[pos - self.base : stop - self.base]
            pos = stop
        return bytes(out)

    def all(self) -> bytes:
        return self.between(self.start, self.end)


@contextmanager
def _backup_running():
    """Another session holding a snapshot, as pg_dump does for the length of a backup. While it
    lasts, VACUUM may not prune the rows it could still see, so they stay readable in the pages.
    Whatever secrecy rests on pruning is gone; this is the harder case, and it happens."""
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.autocommit = True
        other.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        other.execute("SELECT count(*) FROM polls_ballot")
        yield
    finally:
        other.close()


@pytest.fixture
def grade_poll(world, staff_a, settings, tmp_path):
    settings.POLL_KEY_DIR = tmp_path / "poll-keys"
    poll = services.poll_create(
        by=staff_a, jurisdiction=world.county_a, title="保密测评", kind="rating", scale="grade"
    )
    services.subjects_add(poll=poll, labels=["县财政局", "县教育局", "县民政局"], by=staff_a)
    people = [
        UserFactory(username=f"v{i}", role=Role.DEPUTY, jurisdiction=world.county_a)
        for i in range(11)
    ]
    services.electorate_add(poll=poll, group_name="全体代表", voters=people[:6], by=staff_a)
    services.electorate_add(poll=poll, group_name="常委会组成人员", voters=people[6:], by=staff_a)
    return poll, people


def test_after_close_nothing_in_the_wal_or_the_pages_links_a_voter_to_a_ballot(
    grade_poll, staff_a, settings
):
    poll, people = grade_poll
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect")
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        # Rows rolled back by earlier tests stay in the pages; start from empty files so every
        # tuple found below was written here.
        cursor.execute("TRUNCATE polls_ballotmark, polls_ballot, polls_sealedballot")
    services.poll_open(poll=poll, by=staff_a)
    (key_file,) = Path(settings.POLL_KEY_DIR).iterdir()
    private_key = key_file.read_bytes()
    subject_ids = list(poll.subjects.values_list("pk", flat=True))
    ballots = dict(zip(people, _patterns(subject_ids, len(people)), strict=True))

    start = _value("SELECT pg_current_wal_insert_lsn()::text")
    for voter, marks in ballots.items():
        services.ballot_cast(poll=poll, voter=voter, marks=marks)

    # What a superuser watching the open poll sees: a voter's transaction id on their
    # participation and on a box, and boxes that all have the same length.
    voter_xids = dict(_rows("SELECT voter_id, xmin::text FROM polls_participation"))
    assert len(set(voter_xids.values())) == len(people)
    boxes = {
        xid: bytes(box) for xid, box in _rows("SELECT xmin::text, box FROM polls_sealedballot")
    }
    assert set(boxes) == set(voter_xids.values())
    assert len({len(box) for box in boxes.values()}) == 1
    groups = dict(Participation.objects.values_list("voter_id", "group_id"))
    plaintexts = [
        sealing.encode(
            groups[voter.pk],
            [(s, m) for s, m in marks.items() if m],
            size=sealing.ballot_size(len(subject_ids)),
        )
        for voter, marks in ballots.items()
    ]

    with _backup_running():
        services.poll_close(poll=poll, by=staff_a)
        _check_the_ballot_tables_and_the_wal(poll, ballots, voter_xids, boxes, plaintexts, start)
    assert not key_file.exists() and not list(Path(settings.POLL_KEY_DIR).rglob("*"))
    # Nor did the key ever reach the database or its log.
    wal = Wal(start, _value("SELECT pg_current_wal_flush_lsn()::text"))
    assert private_key not in wal.all()


def _check_the_ballot_tables_and_the_wal(poll, ballots, voter_xids, boxes, plaintexts, start):
    end = _value("SELECT pg_current_wal_flush_lsn()::text")
    close_xid = _value("SELECT xmin::text FROM polls_poll WHERE id = %s", [poll.pk])
    assert Poll.objects.get(pk=poll.pk).status == Poll.Status.CLOSED
    assert Ballot.objects.count() == len(ballots)
    assert close_xid not in voter_xids.values()

    # (a) The WAL: each voter's transaction wrote their participation and a box, never a row
    # of the ballot tables.
    participation = _relfilenodes("polls_participation")
    sealed = _relfilenodes("polls_sealedballot")
    plain = _relfilenodes("polls_ballot") | _relfilenodes("polls_ballotmark")
    records = _rows(
        "SELECT xid::text, resource_manager, record_type, block_ref, start_lsn::text, end_lsn::text"
        " FROM pg_get_wal_records_info(%s, %s)",
        [start, end],
    )
    inserting_participation = {
        xid
        for xid, rmgr, kind, refs, *_ in records
        if rmgr == "Heap" and kind.startswith("INSERT") and participation & _nodes(refs)
    }
    assert inserting_participation == set(voter_xids.values())
    for xid in voter_xids.values():
        theirs = [r for r in records if r[0] == xid]
        touched = set().union(*(_nodes(refs) for _x, _r, _k, refs, *_ in theirs))
        assert sealed & touched and participation & touched
        assert not touched & plain
        # Elsewhere it only locked rows it read (the poll FOR SHARE, the rows its foreign keys
        # point to), pruned pages in passing and advanced the participation id sequence.
        elsewhere = {
            (rmgr, kind)
            for _x, rmgr, kind, refs, *_ in theirs
            if _nodes(refs) - participation - sealed
        }
        assert elsewhere <= NO_ROW_WRITTEN, elsewhere
    assert any(r[0] == close_xid and _nodes(r[3]) & plain for r in records)

    # (b) The pages of the ballot tables, free space included: every tuple is the close's, and
    # no voter's transaction id is anywhere a tuple header could be.
    for table, expected in (("polls_ballot", len(ballots)), ("polls_ballotmark", None)):
        xmins = _tuple_xmins(table)
        assert xmins and set(xmins) == {close_xid}
        assert expected is None or len(xmins) == expected
        for page in _blocks(table):
            assert not _aligned_words(page) & {int(x) for x in voter_xids.values()}
    # The same scan over the participation pages does find every voter: it is not blind.
    found = set().union(*(_aligned_words(p) for p in _blocks("polls_participation")))
    assert {int(x) for x in voter_xids.values()} <= found

    # (c) The sealed table keeps at most ciphertext (the boxes the backup still sees), and the
    # key to it is gone (checked by the caller).
    assert not SealedBallot.objects.exists()
    pages = b"".join(_blocks("polls_sealedballot"))
    assert [box for box in boxes.values() if box in pages]  # the backup's snapshot keeps them
    assert not [p for p in plaintexts if p in pages]

    # (d) The raw WAL: a voter's records hold their box (the reading works), and no plaintext
    # ballot appears anywhere from before the first vote to after the close.
    wal = Wal(start, end)
    for xid in voter_xids.values():
        theirs = b"".join(wal.between(_lsn(s), _lsn(e)) for x, *_, s, e in records if x == xid)
        assert boxes[xid] in theirs
        assert not [p for p in plaintexts if p in theirs]
    assert not [p for p in plaintexts if p in wal.all()]


def _nodes(block_ref: str | None) -> set[tuple[int, int]]:
    """(database, relfilenode) of each block in a block_ref such as
    'blkref #0: rel 1663/16384/16385 fork main blk 0'."""
    if not block_ref:
        return set()
    rels = (part.split()[0].split("/") for part in block_ref.split("rel ")[1:])
    return {(int(database), int(node)) for _space, database, node in rels}


def test_the_key_never_reaches_the_database(grade_poll, staff_a, settings):
    poll, people = grade_poll
    services.poll_open(poll=poll, by=staff_a)
    (key_file,) = Path(settings.POLL_KEY_DIR).iterdir()
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert Path(settings.POLL_KEY_DIR).stat().st_mode & 0o777 == 0o700
    private_key = key_file.read_bytes().hex()
    for table in ("polls_poll", "polls_historicalpoll", "polls_sealedballot"):
        assert not _value(
            f"SELECT count(*) FROM {table} t WHERE t::text LIKE %s", [f"%{private_key}%"]
        )
