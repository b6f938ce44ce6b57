package dialog

import (
	"errors"
	"fmt"
	"time"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// This file ties typed times (core.ParseWhen) to the dialogs: the snooze
// picker's options and a prompt validator whose errors are in the user's
// language.

// WhenMessage is the catalog's text for an error of core.ParseWhen: what
// was not understood and two examples. Other errors come back as they are.
func WhenMessage(t *i18n.Catalog, err error) string {
	var we *core.WhenError
	if !errors.As(err, &we) {
		return err.Error()
	}
	switch we.Kind {
	case core.WhenEmpty:
		return t.T("dialog.when.err.empty")
	case core.WhenPast:
		return t.T("dialog.when.err.past", common.OneLine(we.Input))
	case core.WhenInvalid:
		return t.T("dialog.when.err.invalid", common.OneLine(we.Token))
	}
	return t.T("dialog.when.err.unknown", common.OneLine(we.Token))
}

// WhenValidator is a Prompt validate function for a typed time, relative
// to now in loc; its errors are WhenMessage's texts.
func WhenValidator(t *i18n.Catalog, now time.Time, loc *time.Location) func(string) error {
	return func(s string) error {
		if _, err := core.ParseWhen(s, now, loc); err != nil {
			return errors.New(WhenMessage(t, err))
		}
		return nil
	}
}

// SnoozeOptions turns snooze presets into picker options: Value is the time
// in RFC 3339 (UTC), Label the preset's name, Hint the day and time in loc
// ("Tue 24 Nov, 18:00").
func SnoozeOptions(t *i18n.Catalog, presets []core.Preset, loc *time.Location) []Option {
	if loc == nil {
		loc = time.UTC
	}
	out := make([]Option, 0, len(presets))
	for _, p := range presets {
		at := p.Time.In(loc)
		out = append(out, Option{
			Value: p.Time.UTC().Format(time.RFC3339),
			Label: t.T(p.Label),
			Hint:  t.T("dialog.when.at", common.WeekdayShort(t, at), common.ShortDate(t, at), fmt.Sprintf("%02d:%02d", at.Hour(), at.Minute())),
		})
	}
	return out
}
