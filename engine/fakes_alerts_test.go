package engine

import (
	"context"
	"time"

	"cmdeck/store"
)

// The in-memory store's side of the alert rules: no volumes, offences or
// waiting items. The rules' context is tested against the real store
// (alerts_test.go), whose queries matter.

func (s *memStore) ClientHours(ctx context.Context, clientID int64, from, to time.Time) (store.AlertHours, error) {
	n := int(to.Sub(from) / time.Hour)
	return store.AlertHours{From: from, Volume: make([]int, n), Negative: make([]int, n)}, nil
}

func (s *memStore) RuleHours(ctx context.Context, clientID int64, query string, from, to time.Time) ([]int, error) {
	return make([]int, int(to.Sub(from)/time.Hour)), nil
}

func (s *memStore) AddRuleHours(ctx context.Context, counts []store.RuleHour) error { return nil }

func (s *memStore) PruneRuleHours(ctx context.Context, before time.Time) error { return nil }

func (s *memStore) OffenceTimes(ctx context.Context, authorIDs []int64, since time.Time) (map[int64][]time.Time, error) {
	return map[int64][]time.Time{}, nil
}

func (s *memStore) AwaitingReply(ctx context.Context, clientID int64, since time.Time, after store.PageKey, limit int) ([]store.Waiting, error) {
	return nil, nil
}

func (s *memStore) RaiseAlerts(ctx context.Context, raises []store.AlertRaise) ([]store.RaisedAlert, error) {
	out := make([]store.RaisedAlert, len(raises))
	for i, r := range raises {
		id, opened, err := s.RaiseAlert(ctx, r.Alert, r.GroupKey, r.ItemIDs)
		if err != nil {
			return nil, err
		}
		out[i] = store.RaisedAlert{ID: id, Opened: opened}
	}
	return out, nil
}
