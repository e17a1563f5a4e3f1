package pcf

// NewEscape builds the MQSC escape command runmqsc sends to the command
// server: MQCMD_ESCAPE with MQIACF_ESCAPE_TYPE = MQET_MQSC and the command
// text in MQCACF_ESCAPE_TEXT.
func NewEscape(text string) Message {
	return Message{
		Header: CFH{Type: CFTCommand, StrucLength: CFHLength, Version: CFHVersion1,
			Command: CmdEscape, MsgSeqNumber: 1, Control: CFCLast, ParameterCount: 2},
		Params: escapeParams(text),
	}
}

// NewEscapeResponse builds one message of the command server's reply to an
// escape command. seq numbers the messages of the reply from 1; last marks
// the final one.
func NewEscapeResponse(seq int32, last bool, compCode, reason int32, text string) Message {
	control := CFCNotLast
	if last {
		control = CFCLast
	}
	return Message{
		Header: CFH{Type: CFTResponse, StrucLength: CFHLength, Version: CFHVersion1,
			Command: CmdEscape, MsgSeqNumber: seq, Control: control,
			CompCode: compCode, Reason: reason, ParameterCount: 2},
		Params: escapeParams(text),
	}
}

func escapeParams(text string) []Param {
	return []Param{
		CFIN{Parameter: IACFEscapeType, Value: ETMQSC},
		CFST{Parameter: CACFEscapeText, CCSID: CCSIDDefault, String: text},
	}
}

// EscapeText returns the MQSC text of an escape command or response. It
// reports false when m is not an escape message, its escape type is not
// MQSC, or it carries no text.
func EscapeText(m Message) (string, bool) {
	if m.Header.Command != CmdEscape {
		return "", false
	}
	if et, ok := m.Int(IACFEscapeType); ok && et != ETMQSC {
		return "", false
	}
	return m.Str(CACFEscapeText)
}
