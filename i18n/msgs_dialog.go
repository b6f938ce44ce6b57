package i18n

// dialogMsgs holds the messages of the shared dialogs (confirm, prompt,
// picker) and of typed times (keys "dialog.*").
func dialogMsgs() map[string]Msg {
	return map[string]Msg{
		// Key names and what they do, in each dialog's help line.
		"dialog.keyname.enter": {EN: "enter", FR: "entrée"},
		"dialog.keyname.esc":   {EN: "esc", FR: "échap"},
		"dialog.keyname.tab":   {EN: "tab", FR: "tab"},
		"dialog.help.confirm":  {EN: "confirm", FR: "confirmer"},
		"dialog.help.cancel":   {EN: "cancel", FR: "annuler"},
		"dialog.help.reason":   {EN: "add a reason", FR: "ajouter un motif"},
		"dialog.help.buttons":  {EN: "back to y/n", FR: "retour à y/n"},
		"dialog.help.ok":       {EN: "OK", FR: "valider"},
		"dialog.help.move":     {EN: "move", FR: "déplacer"},
		"dialog.help.pick":     {EN: "choose", FR: "choisir"},

		// Confirm.
		"dialog.reason.label":       {EN: "Reason (optional, kept in the audit log):", FR: "Motif (facultatif, conservé dans le journal d’audit) :"},
		"dialog.reason.placeholder": {EN: "type a reason, or press y", FR: "tapez un motif, ou appuyez sur y"},

		// Picker.
		"dialog.picker.placeholder": {EN: "type to filter", FR: "tapez pour filtrer"},
		"dialog.picker.count":       {EN: "%d of %d", FR: "%d sur %d"},
		"dialog.picker.nomatch":     {EN: "No match", FR: "Aucun résultat"},
		"dialog.picker.custom":      {EN: "Use “%s”", FR: "Utiliser « %s »"},
		"dialog.picker.new":         {EN: "new", FR: "nouveau"},

		// Snooze presets (core.SnoozePresets labels) and how a time is shown.
		"dialog.snooze.later":     {EN: "Later today", FR: "Plus tard aujourd’hui"},
		"dialog.snooze.tonight":   {EN: "Tonight", FR: "Ce soir"},
		"dialog.snooze.tomorrow":  {EN: "Tomorrow 9:00", FR: "Demain 9 h"},
		"dialog.snooze.next_week": {EN: "Next Monday 9:00", FR: "Lundi prochain 9 h"},
		"dialog.when.at":          {EN: "%s %s, %s", FR: "%s %s, %s"},

		// Typed times that could not be read (core.WhenError).
		"dialog.when.err.empty":   {EN: "Type a time, like “tomorrow 9:00” or “in 2h”.", FR: "Tapez une heure, comme « demain 9h » ou « dans 2h »."},
		"dialog.when.err.unknown": {EN: "“%s” is not understood. Try “tomorrow 9:00” or “in 2h”.", FR: "« %s » n’est pas compris. Essayez « demain 9h » ou « dans 2h »."},
		"dialog.when.err.invalid": {EN: "“%s” is not a valid date or time. Try “01/12 8:30” (day first) or “fri 18:00”.", FR: "« %s » n’est pas une date ou une heure valide. Essayez « 01/12 8h30 » (le jour d’abord) ou « ven. 18h »."},
		"dialog.when.err.past":    {EN: "“%s” is already past. Try “tomorrow 9:00” or “in 2h”.", FR: "« %s » est déjà passé. Essayez « demain 9h » ou « dans 2h »."},
	}
}
