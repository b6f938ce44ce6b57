package i18n

// tables lists every message table. Keys are "area.name"; each area owns its
// file so they never collide.
func tables() []map[string]Msg {
	return []map[string]Msg{cliMsgs(), rootMsgs(), inboxMsgs(), panesMsgs(), dialogMsgs(), composeMsgs(), healthMsgs(), calendarMsgs(), alertsMsgs(), statsMsgs()}
}
