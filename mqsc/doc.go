// Package mqsc reads and checks IBM MQ script commands (MQSC) the way
// runmqsc does on Multiplatforms, and lays out their replies. It does no
// I/O beyond reading an io.Reader.
//
// # Basics
//
// The grammar (verbs, objects, keywords, value kinds, defaults, channel
// types) is the data table grammar.tsv, embedded in the package and read
// once: see Lookup, Verb, Object, Objects and Spec. A script is split into
// commands by a Reader and each command is parsed by Parse into a Command:
//
//	r := mqsc.NewReader(script)
//	for n := 1; ; n++ {
//		src, err := r.Next() // io.EOF at the end
//		...
//		echo := src.Echo(n)      // "     1 : DEFINE QLOCAL(A) +", "       :    DESCR('x')"
//		cmd, err := mqsc.Parse(src.Text)
//		var se *mqsc.SyntaxError // se.Lines() is runmqsc's reply
//	}
//
// FormatItems prints DISPLAY replies and FormatDefine prints commands in
// the layout of dmpmqcfg.
//
// # Decisions
//
//   - The z/OS order DEFINE NOREPLACE QLOCAL(X) is accepted: keywords
//     before the object are checked once the object is known. z/OS-only
//     keywords are syntax errors unless Options.ZOS is set.
//   - CHLTYPE may come anywhere in DEFINE and ALTER CHANNEL, not only
//     right after the name; keywords that do not fit the channel type are
//     errors wherever they are.
//   - On DISPLAY, attribute keywords are bare requests (CURDEPTH); a
//     keyword takes a value when it selects objects (TYPE, MATCH, SUBID,
//     CLUSTER on queues) or is WHERE.
//   - Object names may hold MQ insertion variables such as +QMNAME+.
//   - A bad object name (characters, length) is answered with AMQ8424E
//     alone; other errors with AMQ8405I.
//   - CONNAME and other strings may be unquoted with balanced
//     parentheses inside: CONNAME(host(1414)).
//
// # Confirmed and uncertain layouts
//
// Confirmed against public runmqsc transcripts:
//   - DISPLAY: three-blank indent, the right item at column 43, an item
//     longer than 37 characters alone on its line (IBM MQ 9.4.2 DISPLAY
//     CHLAUTH), a lone last item padded to 37 characters (a 9.x reply with
//     its trailing blanks kept), empty values as "( )".
//   - AMQ8405I followed by the segment as typed, ending with the offending
//     token (9.4.5: "DISPLAY QMGR LOGTYPE"), and a blank line; a
//     misplaced quote ends the segment at the quote and nothing follows
//     (9.1: "RQMNAME (QMB'").
//   - The order of the verb list of AMQ8426I (alphabetical, WebSphere MQ
//     6/7 transcript) and the echo layout "%6d : text".
//
// Not confirmed, taken from memory: the blank line after AMQ8426I and
// AMQ8427I, the four-blank indent of the verb list, the layout of the
// AMQ8427I syntax summary (built here from the grammar table), the list of
// verb-object pairs for a known verb with a bad object (table order), and
// whether runmqsc reports strings longer than their limit as syntax
// errors (it is done here). A 2015 transcript shows QUEUE(name) alone on
// its line for MQ 8; 9.x pairs it with TYPE, as done here.
package mqsc
