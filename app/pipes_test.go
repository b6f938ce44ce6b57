package app

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/store"
)

// The deck's pipes come from config and run the real command on the item;
// a failure is logged by its status only, never the command or its words.
func TestDeckPipes(t *testing.T) {
	var logged bytes.Buffer
	ws := &Workspace{Config: &config.Config{Pipes: []config.Pipe{
		{Name: "upper", Command: "tr a-z A-Z", Input: "{{.Author}}: {{.Body}}"},
		{Name: "ticket", Command: `echo "secret-token refused $CMDECK_ITEM_BODY" >&2; exit 4`, Show: "status"},
	}}, Logger: slog.New(slog.NewTextHandler(&logged, nil))}
	infos, run := deckPipes(ws)
	if len(infos) != 2 || !infos[0].ShowOutput || infos[1].ShowOutput {
		t.Fatalf("pipes %+v", infos)
	}
	it := store.ItemView{Item: core.Item{ID: 7, Body: "merci pour tout", Author: core.Author{Name: "Léa"}}}
	out, err := run(context.Background(), "UPPER", it)
	if err != nil || out.Text != "LéA: MERCI POUR TOUT" {
		t.Fatalf("upper: %+v, %v", out, err)
	}
	if _, err := run(context.Background(), "ticket", it); err == nil || !strings.Contains(err.Error(), "exit 4: secret-token refused merci") {
		t.Fatalf("ticket: %v", err)
	}
	if log := logged.String(); !strings.Contains(log, "pipe failed: ticket: exit 4") || strings.Contains(log, "secret-token") ||
		strings.Contains(log, "merci") {
		t.Errorf("log %q: want the status only", log)
	}
	if none, run := deckPipes(&Workspace{Config: &config.Config{}}); none != nil || run != nil {
		t.Error("pipes offered without config")
	}
}
