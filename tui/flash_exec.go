package tui

import (
	"errors"

	"cmdeck/tui/common"
	"cmdeck/tui/exec"
)

// execErrText translates the executor's typed errors (they are English-
// neutral data on purpose); ok is false for an error it does not know.
func (m *Model) execErrText(err error) (string, bool) {
	t := m.ctx.T
	var unsupported *exec.UnsupportedError
	var tag *exec.TagError
	var unknown *exec.UnknownIntentError
	switch {
	case errors.As(err, &unsupported):
		network := common.OneLine(unsupported.Network)
		key := "root.flash.unsupported." + string(unsupported.Kind)
		if s := t.T(key, network); s != key {
			return s, true
		}
		return t.T("root.flash.unsupported", network), true
	case errors.As(err, &tag):
		if tag.Tag == "" {
			return t.T("root.flash.no_tag"), true
		}
		return t.T("root.flash.bad_tag", common.OneLine(tag.Tag)), true
	case errors.As(err, &unknown):
		return t.T("root.flash.unknown_intent", common.OneLine(string(unknown.Kind))), true
	}
	for _, e := range []struct {
		err error
		key string
	}{
		{exec.ErrNothingToUndo, "root.flash.nothing_to_undo"},
		{exec.ErrNoItems, "root.flash.no_items"},
		{exec.ErrReplyOneItem, "root.flash.reply_one"},
		{exec.ErrEmptyReply, "root.flash.empty_reply"},
		{exec.ErrSnoozePast, "root.flash.snooze_past"},
		{exec.ErrNoAction, "root.flash.no_action"},
		{exec.ErrOwnMessage, "root.flash.own_message"},
		{exec.ErrNoAuthor, "root.flash.no_author"},
	} {
		if errors.Is(err, e.err) {
			return t.T(e.key), true
		}
	}
	return "", false
}

// auditOnly reports whether err says the intent took effect and only its
// audit lines failed: the outcome is then true and still undoable.
func auditOnly(err error) bool {
	var audit *exec.AuditError
	return errors.As(err, &audit)
}
