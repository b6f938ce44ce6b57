package i18n

// inboxMsgs holds the messages of the inbox area (keys "inbox.*").
func inboxMsgs() map[string]Msg {
	return map[string]Msg{}
}
