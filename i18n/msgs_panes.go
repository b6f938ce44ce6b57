package i18n

// panesMsgs holds the messages of the panes area (keys "panes.*").
func panesMsgs() map[string]Msg {
	return map[string]Msg{}
}
