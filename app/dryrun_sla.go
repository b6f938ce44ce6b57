package app

import (
	"time"

	"cmdeck/core"
	"cmdeck/rules"
	"cmdeck/store"
)

// slaReplay works out, for a dry run, which messages the SLA rules would
// have found unanswered past their deadline. The engine asks
// rules.Set.Overdue every minute about the items still waiting; looking
// back, an item was waiting from its arrival until our first reply in its
// conversation, or until now if it still needs one. An item marked done or
// replied with no reply of ours in the cache was dealt with at a time the
// cache does not know: it is left out rather than guessed late.
type slaReplay struct {
	all     *rules.Set
	single  []*rules.Set // one set per SLA rule, to get each rule's deadline
	cands   []slaCandidate
	threads map[threadKey][]int // candidates by conversation
}

type slaCandidate struct {
	it       rules.Item
	waiting  bool      // still needs a reply now
	answered time.Time // our first reply after it, zero if none seen
}

type threadKey struct {
	account int64
	thread  string
}

// newSLAReplay prepares the replay of set's SLA rules; with none it does
// nothing.
func newSLAReplay(set *rules.Set) (*slaReplay, error) {
	r := &slaReplay{all: set, threads: map[threadKey][]int{}}
	for _, rule := range set.Rules() {
		if rule.Type != rules.TypeSLA {
			continue
		}
		one, err := rules.Compile([]rules.Rule{rule})
		if err != nil {
			return nil, err
		}
		r.single = append(r.single, one)
	}
	return r, nil
}

// conversation is the thread an item belongs to: its root's remote id.
func conversation(v store.ItemView) threadKey {
	t := v.ThreadRemoteID
	if t == "" {
		t = v.RemoteID
	}
	return threadKey{v.AccountID, t}
}

// add notes an incoming item an SLA rule watches, or an outgoing reply
// that answers the waiting items of its conversation.
func (r *slaReplay) add(v store.ItemView, it rules.Item) {
	if len(r.single) == 0 {
		return
	}
	key := conversation(v)
	if it.Outgoing {
		for _, i := range r.threads[key] {
			c := &r.cands[i]
			if c.answered.IsZero() && c.it.CreatedAt.Before(it.CreatedAt) {
				c.answered = it.CreatedAt
			}
		}
		return
	}
	waiting := it.NeedsReply && !closed(it.State)
	if !waiting && it.State != core.StateReplied && it.State != core.StateDone {
		return // never needed a reply, or was hidden or deleted
	}
	probe := awaitingCopy(it)
	if _, _, ok := r.all.Due(probe); !ok {
		return
	}
	r.threads[key] = append(r.threads[key], len(r.cands))
	r.cands = append(r.cands, slaCandidate{it: probe, waiting: waiting})
}

// closed reports a state in which an item no longer waits for a reply.
func closed(s core.ItemState) bool {
	switch s {
	case core.StateDone, core.StateReplied, core.StateHidden, core.StateSpam, core.StateDeleted:
		return true
	}
	return false
}

// awaitingCopy is the item as it was while it waited: new, needing a reply.
func awaitingCopy(it rules.Item) rules.Item {
	it.NeedsReply, it.State = true, core.StateNew
	return it
}

// finish returns the SLA alerts: each rule's hit for each item whose
// deadline passed before our reply, or before until for an item still
// waiting. Each hit is made by Overdue at the deadline, so it carries the
// group and title the engine would have given it.
func (r *slaReplay) finish(until time.Time) []rules.Hit {
	var hits []rules.Hit
	for _, c := range r.cands {
		for _, one := range r.single {
			due, _, ok := one.Due(c.it)
			if !ok || !late(c, due, until) {
				continue
			}
			hits = append(hits, one.Overdue([]rules.Item{c.it}, due.Add(-time.Nanosecond), due)...)
		}
	}
	return hits
}

// late reports a deadline passed while the item still waited.
func late(c slaCandidate, due, until time.Time) bool {
	if due.After(until) {
		return false
	}
	if c.waiting {
		return true
	}
	return !c.answered.IsZero() && due.Before(c.answered)
}
