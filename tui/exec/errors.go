package exec

import (
	"errors"
	"fmt"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// The executor's errors are typed and data-rich but English-neutral: the
// deck translates them (errors.Is / errors.As) into the user's language.
var (
	// ErrNoItems: an item intent came with no item.
	ErrNoItems = errors.New("no message selected")
	// ErrReplyOneItem: a reply names more (or fewer) than one item.
	ErrReplyOneItem = errors.New("a reply answers exactly one message")
	// ErrEmptyReply: the reply text is blank.
	ErrEmptyReply = errors.New("the reply is empty")
	// ErrSnoozePast: a snooze until a time that has already passed.
	ErrSnoozePast = errors.New("the snooze time has already passed")
	// ErrNoAction: retry or discard without an outbox action id.
	ErrNoAction = errors.New("no outbox action given")
	// ErrNothingToUndo: the actor has no action still in its undo window.
	ErrNothingToUndo = errors.New("nothing to undo")
	// ErrOwnMessage: an action on the author (block, mute, …), spam or
	// report aimed only at our own replies.
	ErrOwnMessage = errors.New("this applies to other people's messages, not to your own replies")
	// ErrNoAuthor: an action on the author of messages whose author is
	// unknown.
	ErrNoAuthor = errors.New("the author of this message is unknown to the network")
)

// UnsupportedError says that no selected item is on a network that can do
// Kind. Network names the network (several are joined by ", ").
type UnsupportedError struct {
	Network string
	Kind    core.ActionKind
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("%s cannot %s", e.Network, kindPhrase(e.Kind))
}

// kindPhrase is what an action does, for the English error text.
func kindPhrase(k core.ActionKind) string {
	switch k {
	case core.ActReply:
		return "reply to messages"
	case core.ActHide:
		return "hide messages"
	case core.ActUnhide:
		return "unhide messages"
	case core.ActDelete:
		return "delete messages"
	case core.ActBlock:
		return "block authors"
	case core.ActUnblock:
		return "unblock authors"
	case core.ActSpam:
		return "mark messages as spam"
	case core.ActLike:
		return "like messages"
	case core.ActMute:
		return "mute authors"
	case core.ActUnmute:
		return "unmute authors"
	case core.ActReport:
		return "report messages"
	case core.ActSilence:
		return "limit accounts on the server (needs an admin account)"
	case core.ActSuspend:
		return "suspend accounts on the server (needs an admin account)"
	}
	return string(k)
}

// TagError is a tag that is not a lowercase word of a-z, 0-9 and -.
type TagError struct{ Tag string }

func (e *TagError) Error() string {
	if e.Tag == "" {
		return "no tag given"
	}
	return fmt.Sprintf("%q is not a tag (use a-z, 0-9 and -, e.g. idea)", e.Tag)
}

// UnknownIntentError is an intent kind the executor does not know.
type UnknownIntentError struct{ Kind common.IntentKind }

func (e *UnknownIntentError) Error() string { return fmt.Sprintf("unknown intent %q", e.Kind) }

// AuditError means the intent took effect (the Outcome returned with it is
// true) but its audit lines could not all be written.
type AuditError struct{ Err error }

func (e *AuditError) Error() string {
	return "done, but the audit log could not be written: " + e.Err.Error()
}
func (e *AuditError) Unwrap() error { return e.Err }
