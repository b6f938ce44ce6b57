package inbox

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// pipeRecorder is a RunPipe that answers by pipe name and remembers what
// it was given.
type pipeRecorder struct {
	ran []string // "name:item id"
}

func (r *pipeRecorder) run(_ context.Context, name string, it store.ItemView) (common.PipeOutput, error) {
	r.ran = append(r.ran, name+":"+strconv.FormatInt(it.ID, 10))
	switch name {
	case "translate":
		return common.PipeOutput{Text: "Thank you!\nSecond line"}, nil
	case "ticket":
		return common.PipeOutput{Text: "\nTicket #42 created\n"}, nil
	}
	return common.PipeOutput{}, errors.New(name + ": exit 3: no such language")
}

func pipeModel(t *testing.T, pipes []common.PipeInfo, readOnly bool) (*Model, *pipeRecorder) {
	t.Helper()
	r := &pipeRecorder{}
	m := newTestModelWith(t, fixtureSource(), 120, 40, func(ctx *common.Context) {
		ctx.Pipes, ctx.RunPipe, ctx.ReadOnly = pipes, r.run, readOnly
	})
	return m, r
}

// shown is the text a pipe's answer asked the root to show, if any.
func shown(msgs []tea.Msg) (common.ShowTextMsg, bool) {
	for _, msg := range msgs {
		if s, ok := msg.(common.ShowTextMsg); ok {
			return s, true
		}
	}
	return common.ShowTextMsg{}, false
}

// One pipe runs at once on the cursor's item; its output is shown.
func TestPipeOneRunsAndShowsItsOutput(t *testing.T) {
	m, r := pipeModel(t, []common.PipeInfo{{Name: "translate", ShowOutput: true}}, false)
	cur, _ := m.list.win.selected()
	_, cmd := m.Update(keyMsg("|"))
	msgs := drainAll(t, m, cmd)
	s, ok := shown(msgs)
	if len(r.ran) != 1 || r.ran[0] != "translate:"+strconv.FormatInt(cur.ID, 10) || !ok || s.Text != "Thank you!\nSecond line" ||
		!strings.HasPrefix(s.Title, "translate · ") {
		t.Fatalf("ran %v, shown %+v (%v)", r.ran, s, ok)
	}
	if got := headerText(m); !strings.Contains(got, "translate answered") {
		t.Errorf("header %q", got)
	}
}

// Several pipes: a picker asks which; a status pipe says its first line.
func TestPipePickerAndStatus(t *testing.T) {
	m, r := pipeModel(t, []common.PipeInfo{{Name: "translate", ShowOutput: true}, {Name: "ticket"}}, false)
	press(t, m, "|")
	if _, ok := m.dialog.(*dialog.Picker); !ok {
		t.Fatalf("no picker: %T", m.dialog)
	}
	send(t, m, dialog.PickerResult{ID: dlgPipe, OK: true, Option: dialog.Option{Value: "ticket"}})
	if len(r.ran) != 1 || !strings.HasPrefix(r.ran[0], "ticket:") {
		t.Fatalf("ran %v", r.ran)
	}
	if got := headerText(m); !strings.Contains(got, "ticket: Ticket #42 created") {
		t.Errorf("header %q", got)
	}
}

// :pipe NAME runs that one; an unknown name, a failure, no pipes at all
// and a read-only session are each answered in the header.
func TestPipeCommandLineAndRefusals(t *testing.T) {
	pipes := []common.PipeInfo{{Name: "translate", ShowOutput: true}, {Name: "ticket"}, {Name: "broken"}}
	m, r := pipeModel(t, pipes, false)
	send(t, m, common.RunActionMsg{Action: "inbox.pipe", Args: "Ticket"})
	if len(r.ran) != 1 || !strings.HasPrefix(r.ran[0], "ticket:") {
		t.Fatalf(":pipe Ticket ran %v", r.ran)
	}
	for _, tc := range []struct {
		m    *Model
		args string
		want string
	}{
		{m, "nope", `No pipe "nope" (configured: translate, ticket, broken)`},
		{m, "broken", "Pipe failed: broken: exit 3: no such language"},
	} {
		send(t, tc.m, common.RunActionMsg{Action: "inbox.pipe", Args: tc.args})
		if got := headerText(tc.m); !strings.Contains(got, tc.want) {
			t.Errorf(":pipe %s: header %q, want %q", tc.args, got, tc.want)
		}
	}
	none, _ := pipeModel(t, nil, false)
	press(t, none, "|")
	if got := headerText(none); !strings.Contains(got, "No pipes: add commands under pipes:") {
		t.Errorf("no pipes: header %q", got)
	}
	viewer, vr := pipeModel(t, pipes, true)
	press(t, viewer, "|")
	if got := headerText(viewer); !strings.Contains(got, "Read-only session") || len(vr.ran) != 0 {
		t.Errorf("read-only: header %q, ran %v", got, vr.ran)
	}
}
