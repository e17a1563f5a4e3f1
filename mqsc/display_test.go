package mqsc

import (
	"strings"
	"testing"
)

// The expected lines below are facts from public runmqsc transcripts of
// IBM MQ 9.4.2 (DISPLAY CHLAUTH(*) ALL, DISPLAY LISTENER(*) ALL) and of
// an RDQM 9.x queue manager (dis ql(queue1) curdepth), which kept the
// trailing blanks of the last line.
var formatItemsGolden = []struct {
	name  string
	items []Item
	want  []string
}{
	{
		name: "pairs, empty values and a lone last item",
		items: []Item{
			{Keyword: "LISTENER", Value: "SYSTEM.DEFAULT.LISTENER.TCP"}, {Keyword: "CONTROL", Value: "MANUAL"},
			{Keyword: "TRPTYPE", Value: "TCP"}, {Keyword: "PORT", Value: "0"},
			{Keyword: "IPADDR", Value: ""}, {Keyword: "BACKLOG", Value: "0"},
			{Keyword: "DESCR", Value: " "}, {Keyword: "ALTDATE", Value: "2025-04-22"},
			{Keyword: "ALTTIME", Value: "03.01.06"},
		},
		want: []string{
			"   LISTENER(SYSTEM.DEFAULT.LISTENER.TCP)   CONTROL(MANUAL)",
			"   TRPTYPE(TCP)                            PORT(0)",
			"   IPADDR( )                               BACKLOG(0)",
			"   DESCR( )                                ALTDATE(2025-04-22)",
			"   ALTTIME(03.01.06)                    ",
		},
	},
	{
		name: "item over 37 characters alone, next item starts a pair",
		items: []Item{
			{Keyword: "CHLAUTH", Value: "DEV.ADMIN.SVRCONN"}, {Keyword: "TYPE", Value: "USERMAP"},
			{Keyword: "DESCR", Value: "Allows admin user to connect via ADMIN channel"},
			{Keyword: "CUSTOM", Value: ""}, {Keyword: "ADDRESS", Value: ""},
			{Keyword: "CLNTUSER", Value: "admin"}, {Keyword: "USERSRC", Value: "CHANNEL"},
		},
		want: []string{
			"   CHLAUTH(DEV.ADMIN.SVRCONN)              TYPE(USERMAP)",
			"   DESCR(Allows admin user to connect via ADMIN channel)",
			"   CUSTOM( )                               ADDRESS( )",
			"   CLNTUSER(admin)                         USERSRC(CHANNEL)",
		},
	},
	{
		name: "item of exactly 37 characters still pairs",
		items: []Item{
			{Keyword: "DESCR", Value: "Allows admins on ADMIN channel"}, {Keyword: "CUSTOM", Value: ""},
			{Keyword: "USERLIST", Value: "nobody"}, {Keyword: "WARN", Value: "NO"},
		},
		want: []string{
			"   DESCR(Allows admins on ADMIN channel)   CUSTOM( )",
			"   USERLIST(nobody)                        WARN(NO)",
		},
	},
	{
		name: "39-character item alone",
		items: []Item{
			{Keyword: "CHLAUTH", Value: "*"}, {Keyword: "TYPE", Value: "ADDRESSMAP"},
			{Keyword: "DESCR", Value: "Back-stop rule - Blocks everyone"},
			{Keyword: "CUSTOM", Value: ""}, {Keyword: "ADDRESS", Value: "*"},
		},
		want: []string{
			"   CHLAUTH(*)                              TYPE(ADDRESSMAP)",
			"   DESCR(Back-stop rule - Blocks everyone)",
			"   CUSTOM( )                               ADDRESS(*)",
		},
	},
	{
		name: "bare flags",
		items: []Item{
			{Keyword: "STRSTPEV", Value: "ENABLED"}, {Keyword: "SUITEB", Value: "NONE"},
			{Keyword: "SYNCPT", Bare: true}, {Keyword: "TREELIFE", Value: "1800"},
		},
		want: []string{
			"   STRSTPEV(ENABLED)                       SUITEB(NONE)",
			"   SYNCPT                                  TREELIFE(1800)",
		},
	},
	{
		name:  "lone last item keeps its trailing blanks",
		items: []Item{{Keyword: "QUEUE", Value: "QUEUE1"}, {Keyword: "TYPE", Value: "QLOCAL"}, {Keyword: "CURDEPTH", Value: "200"}},
		want: []string{
			"   QUEUE(QUEUE1)                           TYPE(QLOCAL)",
			"   CURDEPTH(200)                        ",
		},
	},
}

func TestFormatItemsGolden(t *testing.T) {
	for _, tc := range formatItemsGolden {
		t.Run(tc.name, func(t *testing.T) {
			got := FormatItems(tc.items)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", quoteLines(got), quoteLines(tc.want))
			}
		})
	}
}

func TestFormatItemsLongItemAfterLeftCell(t *testing.T) {
	got := FormatItems([]Item{
		{Keyword: "CUSTOM", Value: ""},
		{Keyword: "DESCR", Value: "Default rule to disallow privileged users"},
		{Keyword: "WARN", Value: "NO"},
	})
	want := []string{
		"   CUSTOM( )                            ",
		"   DESCR(Default rule to disallow privileged users)",
		"   WARN(NO)                             ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", quoteLines(got), quoteLines(want))
	}
	if FormatItems(nil) != nil {
		t.Error("no items gave lines")
	}
}

func TestFormatValue(t *testing.T) {
	for in, want := range map[string]string{
		"": " ", " ": " ", "    ": " ", "ABC  ": "ABC", "my text": "my text", " x": " x",
	} {
		if got := FormatValue(in); got != want {
			t.Errorf("FormatValue(%q) = %q, want %q", in, got, want)
		}
	}
}

func quoteLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("|" + l + "|\n")
	}
	return b.String()
}
