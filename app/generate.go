package app

import (
	"context"
	"fmt"
	"time"

	"cmdeck/core"
	"cmdeck/providers/demo"
	"cmdeck/store"
)

// GenerateReport says what `cmdeck demo generate` built.
type GenerateReport struct {
	Items    int
	Accounts int
	Elapsed  time.Duration
}

// Generate fills the database at path with n demo items spread over the past
// year across the demo workspace, in batches through the normal ingest path
// (sanitizer, authors, FTS). progress is called after each batch.
func Generate(ctx context.Context, path string, n int, clock core.Clock, progress func(done int)) (GenerateReport, error) {
	start := time.Now()
	st, err := store.Open(ctx, path)
	if err != nil {
		return GenerateReport{}, fmt.Errorf("database %s: %w", path, err)
	}
	defer st.Close()
	clients, accounts := demo.Workspace()
	_, accounts, err = st.UpsertWorkspace(ctx, clients, accounts)
	if err != nil {
		return GenerateReport{}, fmt.Errorf("saving demo workspace: %w", err)
	}
	now := clock.Now()
	done := 0
	err = demo.GenerateItems(accounts, n, DemoSeed, now, func(accountID int64, b core.Batch) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		// The generated batches carry no cursor: they must not disturb the
		// live sync state, so keep the stored cursor.
		st0, err := st.SyncState(ctx, accountID)
		if err != nil {
			return err
		}
		b.Cursor = st0.Cursor
		if _, err := st.IngestBatch(ctx, accountID, b, now); err != nil {
			return err
		}
		done += len(b.Items)
		if progress != nil {
			progress(done)
		}
		return nil
	}, 2000)
	if err != nil {
		return GenerateReport{}, fmt.Errorf("generating items: %w", err)
	}
	return GenerateReport{Items: done, Accounts: len(accounts), Elapsed: time.Since(start)}, nil
}
