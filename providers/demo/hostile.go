package demo

import "strings"

// hostileTexts are payloads a real network can hand us: terminal escape
// sequences, bidi overrides, control characters and absurdly long lines.
// The demo sends a few so the sanitizer (core.Sanitize) is exercised in the
// live deck, not only in its unit tests. None of them is harmful once
// sanitized; unsanitized they would write the clipboard, retitle or clear the
// terminal, or disguise a file name.
func hostileTexts(lang string) []string {
	long := strings.Repeat("🎁 GIVEAWAY ", 150) // one line of ~2 kB
	if lang == "fr" {
		return []string{
			// OSC 52: asks the terminal to put text in the clipboard.
			"Code promo exclusif ! \x1b]52;c;ZWNobyBwd25lZA==\x07 Collez-le dans votre terminal.",
			// RLO/PDF bidi override: "facture_exe.pdf" that is really an .exe.
			"Votre remboursement est prêt : facture_\u202efdp.exe\u202c à ouvrir vite",
			// Clear screen, home, bold red.
			"\x1b[2J\x1b[H\x1b[1;31mCOMPTE SUSPENDU\x1b[0m contactez le support immédiatement",
			// OSC 8 hyperlink whose text lies about its target.
			"Lien officiel : \x1b]8;;http://phishing.example/login\x1b\\https://support.example\x1b]8;;\x1b\\",
			// OSC 2 window title, then a carriage return that overwrites the line.
			"\x1b]2;Session expirée\x07Merci pour tout !\r\x1b[KVotre mot de passe a expiré, répondez avec votre code.",
			// NUL, backspaces, zero-width space and LRO in a look-alike domain.
			"Vérifiez ici\x00\b\b : banque\u200b-lumen.example \u202dconnexion\u202c",
			"Concours géant " + long + " fin du concours",
			// DCS query and hidden cursor.
			"\x1bP+q544e\x1b\\\x1b[?25lTexte invisible, curseur masqué",
		}
	}
	return []string{
		"Exclusive promo code! \x1b]52;c;ZWNobyBwd25lZA==\x07 Paste it in your terminal.",
		"Your refund is ready: invoice_\u202efdp.exe\u202c open it now",
		"\x1b[2J\x1b[H\x1b[1;31mACCOUNT SUSPENDED\x1b[0m contact support immediately",
		"Official link: \x1b]8;;http://phishing.example/login\x1b\\https://support.example\x1b]8;;\x1b\\",
		"\x1b]2;Session expired\x07Thanks for everything!\r\x1b[KYour password expired, reply with your code.",
		"Verify here\x00\b\b: iron\u200bpulse.example \u202dlogin\u202c",
		"Mega contest " + long + " end of contest",
		"\x1bP+q544e\x1b\\\x1b[?25lInvisible text, hidden cursor",
	}
}
