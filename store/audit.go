package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"cmdeck/core"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID     int64
	At     time.Time
	Actor  string
	Action string
	Target string
	Detail string
}

// Audit appends a line to the audit log. Callers must not put secrets in
// any field; text is sanitized here because the log is shown in the UI.
func (s *Store) Audit(ctx context.Context, at time.Time, actor, action, target, detail string) error {
	if action == "" {
		return errors.New("store: audit: empty action")
	}
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if err := auditTx(ctx, tx, at, actor, action, target, detail); err != nil {
			return fmt.Errorf("store: audit: %w", err)
		}
		return nil
	})
}

// auditTx is Audit inside a caller's transaction: a change and its audit
// line commit together.
func auditTx(ctx context.Context, tx *sql.Tx, at time.Time, actor, action, target, detail string) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)`,
		ms(at), core.SanitizeLine(actor), core.SanitizeLine(action), core.SanitizeLine(target),
		core.Sanitize(detail))
	return err
}

// actorKey carries who acts through a context (WithActor).
type actorKey struct{}

// WithActor returns a context that names who acts (the CM's name, or an
// SSH user): the calendar's writes record it in the audit log and on the
// publish actions they queue. It travels in the context because it is the
// caller's identity, like a request's user, not a parameter of the change.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// actorOf returns the actor WithActor set, else fallback.
func actorOf(ctx context.Context, fallback string) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return fallback
}

// AuditLog returns the latest entries, newest first. limit <= 0 means 50.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, actor, action, target, detail
		FROM audit_log ORDER BY at DESC, id DESC LIMIT ?`, clampLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Target, &e.Detail); err != nil {
			return nil, fmt.Errorf("store: audit log: %w", err)
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
