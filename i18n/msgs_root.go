package i18n

// rootMsgs holds the messages of the root area (keys "root.*").
func rootMsgs() map[string]Msg {
	return map[string]Msg{}
}
