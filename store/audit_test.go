package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestAudit(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	if err := f.s.Audit(ctx, t0, "camille", "reply", "item:42", "merci \x1b[2J!"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Audit(ctx, t0.Add(time.Minute), "camille", "hide", "item:43", ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Audit(ctx, t0, "x", "", "", ""); err == nil {
		t.Error("an entry without action was accepted")
	}
	log, err := f.s.AuditLog(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].Action != "hide" || log[1].Target != "item:42" || !log[1].At.Equal(t0) {
		t.Fatalf("AuditLog = %+v", log)
	}
	if strings.ContainsRune(log[1].Detail, 0x1b) {
		t.Errorf("detail keeps an escape: %q", log[1].Detail)
	}
}
