package rules

import (
	"strings"
	"time"

	"cmdeck/core"
)

// Overdue returns the SLA alerts for items waiting for a reply: those
// whose reply fell due in (since, now], counted in the rule's business
// hours. Each item is reported once, when it crosses its deadline, if the
// caller passes the previous call's now as since (the zero time means no
// lower bound, for a first run). Items are grouped by rule, client and the
// day the reply fell due, in the rule's zone.
func (s *Set) Overdue(items []Item, since, now time.Time) []Hit {
	e := newEvaluation(now)
	d := newDoc(s.dict)
	for i := range items {
		it := &items[i]
		if !awaiting(it) {
			continue
		}
		d.reset(it)
		for _, r := range s.rulesFor(it.Client, 1) {
			due := r.deadline(it.CreatedAt)
			if due.IsZero() || due.After(now) || (!since.IsZero() && !due.After(since)) {
				continue
			}
			if r.query.match(d) {
				e.addItem(r, it, due.In(r.loc).Format(time.DateOnly), slaDetail)
			}
		}
	}
	return e.hits
}

// Due is the earliest reply deadline the SLA rules set for an item, and
// the rule that sets it; ok is false when no SLA rule applies to it.
func (s *Set) Due(it Item) (due time.Time, rule string, ok bool) {
	if it.CreatedAt.IsZero() {
		return time.Time{}, "", false
	}
	d := newDoc(s.dict)
	d.reset(&it)
	for _, r := range s.rulesFor(it.Client, 1) {
		t := r.deadline(it.CreatedAt)
		if !t.IsZero() && (!ok || t.Before(due)) && r.query.match(d) {
			due, rule, ok = t, r.Name, true
		}
	}
	return due, rule, ok
}

// deadline is when a reply to an item created at created is due under the
// SLA rule: Within of business time later.
func (r *compiled) deadline(created time.Time) time.Time {
	return r.hours.deadline(created, r.Within, r.loc)
}

// slaDetail ends an SLA title with the time allowed.
func slaDetail(r *compiled, _ *Item) string { return "> " + shortDuration(r.Within) }

// awaiting reports an incoming item still waiting for its reply.
func awaiting(it *Item) bool {
	if !it.NeedsReply || it.Outgoing || it.ID == 0 || it.CreatedAt.IsZero() {
		return false
	}
	switch it.State {
	case core.StateDone, core.StateReplied, core.StateHidden, core.StateSpam, core.StateDeleted:
		return false
	}
	return true
}

// shortDuration is 2h, 1h30m or 45m rather than 2h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
