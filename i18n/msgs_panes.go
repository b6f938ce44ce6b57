package i18n

// panesMsgs holds the messages of the panes area (keys "panes.*"): the
// Stats pane and what the panes share (dates, ages, common keys).
func panesMsgs() map[string]Msg {
	m := map[string]Msg{
		// Shared by every pane.
		"panes.loading":          {"Loading…", "Chargement…"},
		"panes.error.retry":      {"It will try again within a minute.", "Nouvel essai dans une minute."},
		"panes.common.percent":   {"%d%%", "%d\u00a0%%"},
		"panes.common.age.now":   {"now", "maint."},
		"panes.common.date.long": {"%s %d %s", "%s %d %s"},

		"panes.key.up":          {"up", "monter"},
		"panes.key.down":        {"down", "descendre"},
		"panes.key.pageup":      {"page up", "page préc."},
		"panes.key.pagedown":    {"page down", "page suiv."},
		"panes.key.top":         {"first", "début"},
		"panes.key.bottom":      {"last", "fin"},
		"panes.key.scroll_up":   {"scroll up", "défiler vers le haut"},
		"panes.key.scroll_down": {"scroll down", "défiler vers le bas"},

		// Stats.
		"panes.stats.title": {"Stats", "Statistiques"},
	}
	for k, v := range calendarNames() {
		m[k] = v
	}
	return m
}

// calendarNames are the weekday and month names the panes print dates with.
func calendarNames() map[string]Msg {
	return map[string]Msg{
		"panes.common.weekday.0": {"Sunday", "dimanche"},
		"panes.common.weekday.1": {"Monday", "lundi"},
		"panes.common.weekday.2": {"Tuesday", "mardi"},
		"panes.common.weekday.3": {"Wednesday", "mercredi"},
		"panes.common.weekday.4": {"Thursday", "jeudi"},
		"panes.common.weekday.5": {"Friday", "vendredi"},
		"panes.common.weekday.6": {"Saturday", "samedi"},

		"panes.common.weekday.short.0": {"Sun", "dim."},
		"panes.common.weekday.short.1": {"Mon", "lun."},
		"panes.common.weekday.short.2": {"Tue", "mar."},
		"panes.common.weekday.short.3": {"Wed", "mer."},
		"panes.common.weekday.short.4": {"Thu", "jeu."},
		"panes.common.weekday.short.5": {"Fri", "ven."},
		"panes.common.weekday.short.6": {"Sat", "sam."},

		"panes.common.month.1":  {"January", "janvier"},
		"panes.common.month.2":  {"February", "février"},
		"panes.common.month.3":  {"March", "mars"},
		"panes.common.month.4":  {"April", "avril"},
		"panes.common.month.5":  {"May", "mai"},
		"panes.common.month.6":  {"June", "juin"},
		"panes.common.month.7":  {"July", "juillet"},
		"panes.common.month.8":  {"August", "août"},
		"panes.common.month.9":  {"September", "septembre"},
		"panes.common.month.10": {"October", "octobre"},
		"panes.common.month.11": {"November", "novembre"},
		"panes.common.month.12": {"December", "décembre"},

		"panes.common.month.short.1":  {"Jan", "janv."},
		"panes.common.month.short.2":  {"Feb", "févr."},
		"panes.common.month.short.3":  {"Mar", "mars"},
		"panes.common.month.short.4":  {"Apr", "avr."},
		"panes.common.month.short.5":  {"May", "mai"},
		"panes.common.month.short.6":  {"Jun", "juin"},
		"panes.common.month.short.7":  {"Jul", "juil."},
		"panes.common.month.short.8":  {"Aug", "août"},
		"panes.common.month.short.9":  {"Sep", "sept."},
		"panes.common.month.short.10": {"Oct", "oct."},
		"panes.common.month.short.11": {"Nov", "nov."},
		"panes.common.month.short.12": {"Dec", "déc."},
	}
}
