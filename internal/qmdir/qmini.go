package qmdir

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gomqm/gomqm/internal/mqini"
)

// DefaultErrorLogSize is the size at which AMQERR01.LOG is rotated when
// qm.ini has no QMErrorLog ErrorLogSize: 32 MiB, IBM MQ's default since
// 9.0.4 (it was 2 MiB before).
const DefaultErrorLogSize = 32 << 20

// QMIni is the part of qm.ini that gomqm uses, with IBM MQ's attribute
// names. The zero value is not useful; start from DefaultQMIni, NewQMIni or
// ReadQMIni.
type QMIni struct {
	Log          LogSettings
	ErrorLogSize int64 // QMErrorLog stanza, ErrorLogSize; default DefaultErrorLogSize
	TCP          TCPSettings
	Channels     ChannelSettings
	SSL          SSLSettings
	ExitPath     ExitPathSettings

	base *mqini.File // the file read, so File keeps what QMIni does not model
}

// LogSettings is the Log stanza.
type LogSettings struct {
	LogPrimaryFiles   int    // 2-510; default 3
	LogSecondaryFiles int    // 1-509, primary+secondary <= 511; default 2
	LogFilePages      int    // 4 KiB pages per log file, 64-65535; default 4096
	LogType           string // CIRCULAR (default) or LINEAR
	LogBufferPages    int    // 0-4096, 0 meaning 512; default 0
	LogPath           string // directory of the log, e.g. /var/mqm/log/QM1/
	LogWriteIntegrity string // SingleWrite, DoubleWrite or TripleWrite (default)
}

// TCPSettings is the TCP stanza.
type TCPSettings struct {
	KeepAlive bool // KeepAlive=Yes turns on TCP keepalive; default No
}

// ChannelSettings is the CHANNELS stanza.
type ChannelSettings struct {
	MaxChannels       int // default 100
	MaxActiveChannels int // default: MaxChannels
}

// SSLSettings is the SSL stanza. Values are kept as written ("Yes", "No",
// "TRUE", ...); an empty value means the attribute is absent and IBM MQ's
// default applies. Use Flag to read the yes/no ones.
type SSLSettings struct {
	AllowTLSV1          string
	AllowSSLV3          string
	AllowWeakCipherSpec string
	AllowTLSV13         string
	OCSPAuthentication  string // OPTIONAL, REQUIRED or WARN
	OCSPCheckExtensions string
	CDPCheckExtensions  string
	AllowedCipherSpecs  string
}

// ExitPathSettings is the ExitPath stanza.
type ExitPathSettings struct {
	ExitsDefaultPath   string
	ExitsDefaultPath64 string
}

// Flag interprets a yes/no attribute value: YES, Y and TRUE are true, NO, N
// and FALSE false (any case); anything else, including "", gives def.
func Flag(value string, def bool) bool {
	switch strings.ToUpper(strings.TrimSpace(value)) {
	case "YES", "Y", "TRUE":
		return true
	case "NO", "N", "FALSE":
		return false
	}
	return def
}

// DefaultQMIni returns IBM MQ's defaults. LogPath and the exit paths are
// empty: CreateQMgrTree fills them for the queue manager.
func DefaultQMIni() QMIni {
	return QMIni{
		Log: LogSettings{
			LogPrimaryFiles:   3,
			LogSecondaryFiles: 2,
			LogFilePages:      4096,
			LogType:           "CIRCULAR",
			LogBufferPages:    0,
			LogWriteIntegrity: "TripleWrite",
		},
		ErrorLogSize: DefaultErrorLogSize,
		Channels:     ChannelSettings{MaxChannels: 100, MaxActiveChannels: 100},
	}
}

// NewQMIni returns the qm.ini settings for a new queue manager: the
// defaults, overridden by the LogDefaults stanza of mqs.ini, with LogPath
// and the exit paths set for e. crtmqm flags are applied on top by the
// caller.
func (l Layout) NewQMIni(e Entry) (QMIni, error) {
	q := DefaultQMIni()
	f, err := l.loadMQSIni()
	if err != nil {
		return QMIni{}, err
	}
	logRoot := l.LogDir()
	if s := f.First("LogDefaults"); s != nil {
		if err := readLog(s, &q.Log); err != nil {
			return QMIni{}, err
		}
		if v, ok := s.Get("LogDefaultPath"); ok && v != "" {
			logRoot = v
		}
	}
	q.Log.LogPath = filepath.Join(logRoot, e.dir()) + "/"
	q.ExitPath = ExitPathSettings{ExitsDefaultPath: l.ExitsDir(), ExitsDefaultPath64: l.Exits64Dir()}
	return q, nil
}

// ReadQMIni reads and validates qm.ini. Attributes that are absent keep
// their defaults.
func ReadQMIni(path string) (QMIni, error) {
	f, err := mqini.Load(path)
	if err != nil {
		return QMIni{}, fmt.Errorf("qmdir: %w", err)
	}
	q := DefaultQMIni()
	q.Channels.MaxActiveChannels = 0 // defaults to MaxChannels below
	q.base = f
	if err := q.read(f); err != nil {
		return QMIni{}, err
	}
	if q.Channels.MaxActiveChannels == 0 {
		q.Channels.MaxActiveChannels = q.Channels.MaxChannels
	}
	if err := q.Validate(); err != nil {
		return QMIni{}, fmt.Errorf("%w (in %s)", err, path)
	}
	return q, nil
}

func (q *QMIni) read(f *mqini.File) error {
	if s := f.First("Log"); s != nil {
		if err := readLog(s, &q.Log); err != nil {
			return err
		}
		q.Log.LogPath = get(s, "LogPath", q.Log.LogPath)
		q.Log.LogWriteIntegrity = get(s, "LogWriteIntegrity", q.Log.LogWriteIntegrity)
	}
	if s := f.First("QMErrorLog"); s != nil {
		n, err := s.Int("ErrorLogSize", int(q.ErrorLogSize))
		if err != nil {
			return fmt.Errorf("qmdir: %w", err)
		}
		q.ErrorLogSize = int64(n)
	}
	if s := f.First("TCP"); s != nil {
		v, _ := s.Get("KeepAlive")
		q.TCP.KeepAlive = Flag(v, false)
	}
	if s := f.First("CHANNELS"); s != nil {
		if err := readInts(s, map[string]*int{
			"MaxChannels": &q.Channels.MaxChannels, "MaxActiveChannels": &q.Channels.MaxActiveChannels,
		}); err != nil {
			return err
		}
	}
	if s := f.First("SSL"); s != nil {
		for key, dst := range q.SSL.fields() {
			*dst = get(s, key, "")
		}
	}
	if s := f.First("ExitPath"); s != nil {
		q.ExitPath.ExitsDefaultPath = get(s, "ExitsDefaultPath", "")
		q.ExitPath.ExitsDefaultPath64 = get(s, "ExitsDefaultPath64", "")
	}
	return nil
}

// readLog reads the log attributes shared by qm.ini Log and mqs.ini
// LogDefaults.
func readLog(s *mqini.Stanza, l *LogSettings) error {
	l.LogType = strings.ToUpper(get(s, "LogType", l.LogType))
	return readInts(s, map[string]*int{
		"LogPrimaryFiles":   &l.LogPrimaryFiles,
		"LogSecondaryFiles": &l.LogSecondaryFiles,
		"LogFilePages":      &l.LogFilePages,
		"LogBufferPages":    &l.LogBufferPages,
	})
}

func readInts(s *mqini.Stanza, dst map[string]*int) error {
	for key, p := range dst {
		n, err := s.Int(key, *p)
		if err != nil {
			return fmt.Errorf("qmdir: %w", err)
		}
		*p = n
	}
	return nil
}

func get(s *mqini.Stanza, key, def string) string {
	if v, ok := s.Get(key); ok && v != "" {
		return v
	}
	return def
}

func (s *SSLSettings) fields() map[string]*string {
	return map[string]*string{
		"AllowTLSV1":          &s.AllowTLSV1,
		"AllowSSLV3":          &s.AllowSSLV3,
		"AllowWeakCipherSpec": &s.AllowWeakCipherSpec,
		"AllowTLSV13":         &s.AllowTLSV13,
		"OCSPAuthentication":  &s.OCSPAuthentication,
		"OCSPCheckExtensions": &s.OCSPCheckExtensions,
		"CDPCheckExtensions":  &s.CDPCheckExtensions,
		"AllowedCipherSpecs":  &s.AllowedCipherSpecs,
	}
}

// sslOrder is the order SSL attributes are written in.
func sslOrder() []string {
	return []string{"AllowTLSV1", "AllowSSLV3", "AllowWeakCipherSpec", "AllowTLSV13",
		"OCSPAuthentication", "OCSPCheckExtensions", "CDPCheckExtensions", "AllowedCipherSpecs"}
}

// File renders the settings as qm.ini. When q came from ReadQMIni, the
// stanzas, attributes and comments it does not model are kept. Optional
// stanzas (QMErrorLog, CHANNELS, TCP KeepAlive, SSL) are written only when
// they differ from the defaults or were in the file read.
func (q QMIni) File() *mqini.File {
	f := &mqini.File{}
	if q.base != nil {
		f, _ = mqini.Parse(bytes.NewReader(q.base.Bytes())) // re-parsing our own output cannot fail
	}
	ep := stanza(f, "ExitPath")
	ep.Set("ExitsDefaultPath", q.ExitPath.ExitsDefaultPath)
	ep.Set("ExitsDefaultPath64", q.ExitPath.ExitsDefaultPath64)
	q.writeLog(stanza(f, "Log"))
	if s := f.First("QMErrorLog"); s != nil || q.ErrorLogSize != DefaultErrorLogSize {
		stanza(f, "QMErrorLog").Set("ErrorLogSize", strconv.FormatInt(q.ErrorLogSize, 10))
	}
	if s := f.First("CHANNELS"); s != nil || q.Channels.MaxChannels != 100 || q.Channels.MaxActiveChannels != q.Channels.MaxChannels {
		s = stanza(f, "CHANNELS")
		s.Set("MaxChannels", strconv.Itoa(q.Channels.MaxChannels))
		s.Set("MaxActiveChannels", strconv.Itoa(q.Channels.MaxActiveChannels))
	}
	if s := f.First("TCP"); q.TCP.KeepAlive || s != nil {
		stanza(f, "TCP").Set("KeepAlive", map[bool]string{true: "Yes", false: "No"}[q.TCP.KeepAlive])
	}
	q.writeSSL(f)
	return f
}

func (q QMIni) writeLog(s *mqini.Stanza) {
	l := q.Log
	s.Set("LogPrimaryFiles", strconv.Itoa(l.LogPrimaryFiles))
	s.Set("LogSecondaryFiles", strconv.Itoa(l.LogSecondaryFiles))
	s.Set("LogFilePages", strconv.Itoa(l.LogFilePages))
	s.Set("LogType", l.LogType)
	s.Set("LogBufferPages", strconv.Itoa(l.LogBufferPages))
	s.Set("LogPath", l.LogPath)
	s.Set("LogWriteIntegrity", l.LogWriteIntegrity)
}

func (q QMIni) writeSSL(f *mqini.File) {
	fields := q.SSL.fields()
	s := f.First("SSL")
	for _, key := range sslOrder() {
		v := *fields[key]
		if v == "" {
			if s != nil {
				s.Delete(key)
			}
			continue
		}
		if s == nil {
			s = f.Add("SSL")
		}
		s.Set(key, v)
	}
}

// stanza returns the first stanza called name, adding it if missing.
func stanza(f *mqini.File, name string) *mqini.Stanza {
	if s := f.First(name); s != nil {
		return s
	}
	return f.Add(name)
}
