from crosscheck.compare.base import ScanContext


def test_event_groups_come_from_the_pipelines_events_or_from_the_pairwise_test():
    event = {"a.md": 7, "b.md": 3, "c.md": 7, "d.md": 3, "e.md": 9}
    sources = ["a.md", "b.md", "c.md", "d.md", "e.md", "a.md"]
    fast = ScanContext(lambda x, y: event[x] == event[y], event_of=event.get).groups(sources)
    slow = ScanContext(lambda x, y: event[x] == event[y]).groups(sources)
    assert fast == slow == {"a.md": 0, "b.md": 1, "c.md": 0, "d.md": 1, "e.md": 2}
