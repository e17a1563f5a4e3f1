package cli

import (
	"crypto"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gomqm/gomqm/ssl"
)

// runmqakm is IBM's key management command for key repositories, here for
// -type pkcs12 (.p12 with a .sth stash). Its options are GSKit's: an
// object (-keydb, -cert, -certreq), an action (-create, -add ...), then
// options in any order, names case-insensitive.
//
// GSKit's message ids are from IBM's documentation and transcripts where
// we found them (CTGSK2021W, CTGSK2146W, CTGSK3026W, CTGSK3029W); the others are from
// memory and marked [M] beside their text.
var runmqakmCmd = &command{
	name: "runmqakm",
	usage: []string{
		"runmqakm -keydb -create -db <file>.p12 -pw <password> [-type pkcs12] [-stash]",
		"runmqakm -keydb -stashpw -db <file>.p12 -pw <password>",
		"runmqakm -keydb -changepw -db <file>.p12 -pw <password> -new_pw <password> [-stash]",
		"runmqakm -cert -create -db <file>.p12 {-pw <password> | -stashed} -label <label> -dn <dn> [-size <bits>] [-sig_alg <alg>] [-expire <days>] [-san_dnsname <host>] [-x509version 3]",
		"runmqakm -certreq -create -db <file>.p12 {-pw <password> | -stashed} -label <label> -dn <dn> -file <request> [-size <bits>] [-sig_alg <alg>] [-san_dnsname <host>]",
		"runmqakm -certreq -list -db <file>.p12 {-pw <password> | -stashed}",
		"runmqakm -certreq -delete -db <file>.p12 {-pw <password> | -stashed} -label <label>",
		"runmqakm -cert -sign -db <ca>.p12 {-pw <password> | -stashed} -label <ca label> -file <request> -target <certificate> [-expire <days>] [-format ascii|binary]",
		"runmqakm -cert -receive -db <file>.p12 {-pw <password> | -stashed} -file <certificate> [-format ascii|binary]",
		"runmqakm -cert -add -db <file>.p12 {-pw <password> | -stashed} -label <label> -file <certificate> [-format ascii|binary] [-trust enable]",
		"runmqakm -cert -extract -db <file>.p12 {-pw <password> | -stashed} -label <label> -target <file> [-format ascii|binary]",
		"runmqakm -cert -list [all|personal|ca] -db <file>.p12 {-pw <password> | -stashed}",
		"runmqakm -cert -details -db <file>.p12 {-pw <password> | -stashed} -label <label>",
		"runmqakm -cert -delete -db <file>.p12 {-pw <password> | -stashed} -label <label>",
		"runmqakm -cert -import -file <other>.p12 -pw <password> -target <file>.p12 {-target_pw <password> | -target_stashed} [-label <label> [-new_label <label>]]",
	},
	badUsage: exitAkmFailed,
}

// Exit codes of runmqakm: GSKit ends with 0 on success and a non-zero
// status on any failure [M: the exact values are GSKit's error numbers,
// which we do not reproduce].
const exitAkmFailed = 1

// akmValueOptions take a value; every other option is a flag.
var akmValueOptions = []string{"-db", "-pw", "-type", "-label", "-dn", "-size", "-sig_alg", "-expire",
	"-san_dnsname", "-file", "-target", "-format", "-trust", "-x509version", "-default_cert", "-new_pw",
	"-target_pw", "-target_type", "-new_label"}

var akmFlags = []string{"-keydb", "-cert", "-certreq", "-create", "-stashpw", "-sign", "-receive", "-add",
	"-extract", "-list", "-details", "-delete", "-import", "-changepw", "-stash", "-stashed", "-target_stashed"}

var akmObjects = []string{"-keydb", "-cert", "-certreq"}

// akmArgs is a parsed runmqakm command line.
type akmArgs struct {
	object, action string
	opts           map[string][]string
	flags          map[string]bool
	listKind       string
}

func (a *akmArgs) get(name string) string {
	if v := a.opts[name]; len(v) > 0 {
		return v[len(v)-1]
	}
	return ""
}

// Runmqakm runs the runmqakm command.
func Runmqakm(args []string, env *Env) int {
	for _, a := range args {
		if a == "-?" || a == "--help" || a == "-help" {
			runmqakmCmd.printUsage(env.Stdout)
			return exitOK
		}
	}
	a, err := parseAkmArgs(args)
	if err != nil {
		return runmqakmCmd.usageError(env, err.Error())
	}
	k := &keyTool{env: env, args: a}
	if err := k.run(); err != nil {
		env.errorf("%s", err)
		return exitAkmFailed
	}
	return exitOK
}

func parseAkmArgs(args []string) (*akmArgs, error) {
	a := &akmArgs{opts: map[string][]string{}, flags: map[string]bool{}}
	for i := 0; i < len(args); i++ {
		name := strings.ToLower(args[i])
		switch {
		case slices.Contains(akmValueOptions, name):
			if i+1 >= len(args) {
				return nil, fmt.Errorf("CTGSK3013W The option %s needs a value.", args[i]) // [M]
			}
			a.opts[name] = append(a.opts[name], args[i+1])
			i++
		case slices.Contains(akmFlags, name):
			a.flags[name] = true
			if slices.Contains(akmObjects, name) {
				if a.object != "" {
					return nil, fmt.Errorf("CTGSK3020W Invalid object: %s", args[i])
				}
				a.object = name
			} else if name != "-stash" && name != "-stashed" && name != "-target_stashed" {
				if a.action != "" {
					return nil, fmt.Errorf("CTGSK3019W Invalid action: %s", args[i]) // [M]
				}
				a.action = name
				if name == "-list" && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
					a.listKind = strings.ToLower(args[i+1])
					i++
				}
			}
		default:
			return nil, fmt.Errorf("CTGSK3001W Unknown option: %s", args[i]) // [M]
		}
	}
	if a.object == "" || a.action == "" {
		return nil, errors.New("CTGSK3020W Invalid object: an object (-keydb, -cert or -certreq) and an action are required")
	}
	return a, nil
}

// keyTool runs one runmqakm action.
type keyTool struct {
	env  *Env
	args *akmArgs
}

func (k *keyTool) run() error {
	a := k.args
	if t := a.get("-type"); t != "" && !strings.EqualFold(t, "pkcs12") && !strings.EqualFold(t, "p12") {
		return fmt.Errorf("CTGSK3022W The key database type %s is not supported: use -type pkcs12.", t) // [M]
	}
	switch a.object + " " + a.action {
	case "-keydb -create":
		return k.createDB()
	case "-keydb -stashpw":
		return k.stashPassword()
	case "-keydb -changepw":
		return k.changePassword()
	case "-certreq -list":
		return k.listRequests()
	case "-certreq -delete":
		return k.deleteRequest()
	case "-cert -create":
		return k.createSelfSigned()
	case "-certreq -create":
		return k.createRequest()
	case "-cert -sign":
		return k.sign()
	case "-cert -receive":
		return k.receive()
	case "-cert -add":
		return k.add()
	case "-cert -extract":
		return k.extract()
	case "-cert -list":
		return k.list()
	case "-cert -details":
		return k.details()
	case "-cert -delete":
		return k.delete()
	case "-cert -import":
		return k.importFrom()
	}
	return fmt.Errorf("CTGSK3019W Invalid action: %s %s", a.object, a.action) // [M]
}

// need returns the value of a required option.
func (k *keyTool) need(name string) (string, error) {
	v := k.args.get(name)
	if v == "" {
		return "", fmt.Errorf("CTGSK3013W The option %s is required for %s %s.", name, k.args.object, k.args.action) // [M]
	}
	return v, nil
}

// dbPath returns the -db file, with .p12 added when it has no extension.
func (k *keyTool) dbPath() (string, error) {
	db, err := k.need("-db")
	if err != nil {
		return "", err
	}
	if filepath.Ext(db) == "" {
		db += ".p12"
	}
	if ext := strings.ToLower(filepath.Ext(db)); ext == ".kdb" {
		return "", fmt.Errorf("CTGSK3022W CMS key databases (%s) are not supported: use a .p12 file.", db) // [M]
	}
	return db, nil
}

// password returns -pw, or the stashed password with -stashed.
func (k *keyTool) password(db string) (string, error) {
	if pw := k.args.get("-pw"); pw != "" {
		return pw, nil
	}
	if k.args.flags["-stashed"] {
		sth := ssl.StemOf(db) + ".sth"
		pw, err := ssl.ReadStash(sth)
		if err != nil {
			return "", fmt.Errorf("CTGSK3026W The key file \"%s\" does not exist or cannot be read.", sth)
		}
		return pw, nil
	}
	return "", errors.New("CTGSK3013W The option -pw or -stashed is required.") // [M]
}

// open reads the -db repository.
func (k *keyTool) open() (*ssl.Repository, string, error) {
	db, err := k.dbPath()
	if err != nil {
		return nil, "", err
	}
	pw, err := k.password(db)
	if err != nil {
		return nil, "", err
	}
	r, err := openDB(db, pw)
	return r, pw, err
}

// openLabel reads the -db repository and the required -label.
func (k *keyTool) openLabel() (*ssl.Repository, string, string, error) {
	r, pw, err := k.open()
	if err != nil {
		return nil, "", "", err
	}
	label, err := k.need("-label")
	return r, pw, label, err
}

func openDB(path, pw string) (*ssl.Repository, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("CTGSK3026W The key file \"%s\" does not exist or cannot be read.", path)
	}
	r, err := ssl.ReadRepository(path, pw)
	switch ssl.IDOf(err) {
	case 0:
		return r, nil
	case 9660:
		return nil, fmt.Errorf("CTGSK3046W The database password is incorrect for \"%s\".", path) // [M]
	}
	return nil, fmt.Errorf("CTGSK3027W The key file \"%s\" could not be read: %w", path, err) // [M]
}

func (k *keyTool) createDB() error {
	db, err := k.dbPath()
	if err != nil {
		return err
	}
	pw, err := k.need("-pw")
	if err != nil {
		return err
	}
	if _, err := os.Stat(db); err == nil {
		return fmt.Errorf("CTGSK3040W The key database \"%s\" already exists.", db) // [M]
	}
	if k.args.flags["-stash"] {
		if err := ssl.WriteStash(ssl.StemOf(db)+".sth", pw); err != nil {
			return err
		}
	}
	return (&ssl.Repository{Path: db}).Save(pw)
}

func (k *keyTool) stashPassword() error {
	db, err := k.dbPath()
	if err != nil {
		return err
	}
	pw, err := k.need("-pw")
	if err != nil {
		return err
	}
	if _, err := openDB(db, pw); err != nil {
		return err
	}
	return ssl.WriteStash(ssl.StemOf(db)+".sth", pw)
}

// template reads the options of a new certificate or request.
func (k *keyTool) template() (ssl.CertTemplate, error) {
	a := k.args
	t := ssl.CertTemplate{SigAlg: a.get("-sig_alg"), DNSNames: a.opts["-san_dnsname"]}
	dn, err := k.need("-dn")
	if err != nil {
		return t, err
	}
	t.DN = dn
	if _, err := ssl.ParseDN(dn); err != nil {
		return t, fmt.Errorf("CTGSK3012W The distinguished name \"%s\" is not valid: %s", dn, detailOf(err)) // [M]
	}
	if !ssl.SigAlgValid(t.SigAlg) {
		return t, fmt.Errorf("CTGSK3021W The signature algorithm %s is not supported.", t.SigAlg) // [M]
	}
	if t.Size, err = intOption(a, "-size", 0); err != nil {
		return t, err
	}
	if t.Days, err = intOption(a, "-expire", 365); err != nil {
		return t, err
	}
	if v := a.get("-x509version"); v != "" && v != "3" {
		return t, fmt.Errorf("CTGSK3021W X.509 version %s is not supported: only 3.", v) // [M]
	}
	return t, nil
}

func detailOf(err error) string {
	var e *ssl.Error
	if errors.As(err, &e) {
		return e.Detail
	}
	return err.Error()
}

func intOption(a *akmArgs, name string, def int) (int, error) {
	v := a.get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("CTGSK3021W The value %s of %s is not valid.", v, name) // [M]
	}
	return n, nil
}

// newKey returns the certificate template the options describe (-dn,
// -size, -sig_alg, -expire, -san_dnsname) and a new private key for it.
func (k *keyTool) newKey() (ssl.CertTemplate, crypto.Signer, error) {
	t, err := k.template()
	if err != nil {
		return t, nil, err
	}
	key, err := t.NewKey()
	return t, key, err
}

func (k *keyTool) createSelfSigned() error {
	r, pw, label, err := k.openLabel()
	if err != nil {
		return err
	}
	if _, ok := r.Find(label); ok {
		return labelInUse(label)
	}
	t, key, err := k.newKey()
	if err != nil {
		return err
	}
	cert, err := t.SelfSigned(key)
	if err != nil {
		return err
	}
	if err := r.Add(ssl.Entry{Label: label, Cert: cert, Key: key}); err != nil {
		return addError(err, label)
	}
	return r.Save(pw)
}

func labelInUse(label string) error {
	return fmt.Errorf("CTGSK2032W The label \"%s\" is already used in the key database.", label) // [M]
}

func addError(err error, label string) error {
	if errors.Is(err, ssl.ErrDuplicateCert) {
		return errors.New("CTGSK2021W A duplicate certificate already exists in the database.")
	}
	if errors.Is(err, ssl.ErrLabelExists) {
		return labelInUse(label)
	}
	return err
}

// requestDB is where pending requests wait for their certificates: the
// stem's .rdb, as for IBM's CMS repositories; here a PKCS#12 file with
// the same password, each key kept with a self-signed stand-in
// certificate that carries the requested DN.
func requestDB(db string) string { return ssl.StemOf(db) + ".rdb" }

func openRequests(db, pw string) (*ssl.Repository, error) {
	path := requestDB(db)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return &ssl.Repository{Path: path}, nil
	}
	return openDB(path, pw)
}

func (k *keyTool) createRequest() error {
	r, pw, label, err := k.openLabel()
	if err != nil {
		return err
	}
	file, err := k.need("-file")
	if err != nil {
		return err
	}
	reqs, err := openRequests(r.Path, pw)
	if err != nil {
		return err
	}
	if _, ok := r.Find(label); ok {
		return labelInUse(label)
	}
	if _, ok := reqs.Find(label); ok {
		return labelInUse(label)
	}
	t, key, err := k.newKey()
	if err != nil {
		return err
	}
	csr, err := t.Request(key)
	if err != nil {
		return err
	}
	standIn, err := t.SelfSigned(key)
	if err != nil {
		return err
	}
	if err := reqs.Add(ssl.Entry{Label: label, Cert: standIn, Key: key}); err != nil {
		return addError(err, label)
	}
	if err := writePrivate(file, ssl.EncodeRequestPEM(csr)); err != nil {
		return err
	}
	return reqs.Save(pw)
}

// writePrivate writes a file with mode 0600.
func writePrivate(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("CTGSK3027W The file \"%s\" could not be written: %w", path, err) // [M]
	}
	return nil
}

func (k *keyTool) sign() error {
	r, _, label, err := k.openLabel()
	if err != nil {
		return err
	}
	file, err := k.need("-file")
	if err != nil {
		return err
	}
	target, err := k.need("-target")
	if err != nil {
		return err
	}
	ca, ok := r.Find(label)
	if !ok || !ca.Personal() {
		return noLabel(label)
	}
	days, err := intOption(k.args, "-expire", 365)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("CTGSK3026W The key file \"%s\" does not exist or cannot be read.", file)
	}
	csr, err := ssl.ParseRequest(data)
	if err != nil {
		return fmt.Errorf("CTGSK3027W The request in \"%s\" could not be read: %w", file, err) // [M]
	}
	cert, err := ssl.Sign(csr, ca, days, time.Now())
	if err != nil {
		return err
	}
	return writePrivate(target, k.encode(cert))
}

func noLabel(label string) error {
	return fmt.Errorf("CTGSK3029W The database doesn't contain an entry with label '%s'.", label)
}

// encode writes a certificate as -format asks: ascii (PEM, the default)
// or binary (DER).
func (k *keyTool) encode(c *x509.Certificate) []byte {
	if strings.EqualFold(k.args.get("-format"), "binary") {
		return c.Raw
	}
	return ssl.EncodePEM(c)
}

func (k *keyTool) readCerts() ([]*x509.Certificate, error) {
	file, err := k.need("-file")
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("CTGSK3026W The key file \"%s\" does not exist or cannot be read.", file)
	}
	certs, err := ssl.ParseCertificates(data)
	if err != nil {
		return nil, fmt.Errorf("CTGSK3027W The certificate in \"%s\" could not be read: %w", file, err) // [M]
	}
	return certs, nil
}

func (k *keyTool) receive() error {
	r, pw, err := k.open()
	if err != nil {
		return err
	}
	certs, err := k.readCerts()
	if err != nil {
		return err
	}
	reqs, err := openRequests(r.Path, pw)
	if err != nil {
		return err
	}
	cert := certs[0]
	var pending *ssl.Entry
	for i := range reqs.Entries {
		e := reqs.Entries[i]
		if pub, ok := e.Key.Public().(interface{ Equal(crypto.PublicKey) bool }); ok && pub.Equal(cert.PublicKey) {
			pending = &e
		}
	}
	if pending == nil {
		return errors.New("CTGSK2059W The certificate does not match any request in the request database.") // [M]
	}
	if !chainsTo(r, cert) {
		k.env.printf("CTGSK2146W An invalid certificate chain was found.")
	}
	if err := r.Add(ssl.Entry{Label: pending.Label, Cert: cert, Key: pending.Key}); err != nil {
		return addError(err, pending.Label)
	}
	if err := r.Save(pw); err != nil {
		return err
	}
	if err := reqs.Delete(pending.Label); err != nil {
		return err
	}
	return reqs.Save(pw)
}

// chainsTo reports whether the repository's trusted certificates verify c.
func chainsTo(r *ssl.Repository, c *x509.Certificate) bool {
	_, err := c.Verify(x509.VerifyOptions{Roots: r.TrustedPool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	return err == nil
}

func (k *keyTool) add() error {
	r, pw, label, err := k.openLabel()
	if err != nil {
		return err
	}
	if t := k.args.get("-trust"); t != "" && !strings.EqualFold(t, "enable") {
		return fmt.Errorf("CTGSK3021W The value %s of -trust is not supported: only enable.", t) // [M]
	}
	certs, err := k.readCerts()
	if err != nil {
		return err
	}
	if err := r.Add(ssl.Entry{Label: label, Cert: certs[0]}); err != nil {
		return addError(err, label)
	}
	return r.Save(pw)
}

func (k *keyTool) extract() error {
	r, _, label, err := k.openLabel()
	if err != nil {
		return err
	}
	target, err := k.need("-target")
	if err != nil {
		return err
	}
	e, ok := r.Find(label)
	if !ok {
		return noLabel(label)
	}
	return writePrivate(target, k.encode(e.Cert))
}

func (k *keyTool) list() error {
	r, _, err := k.open()
	if err != nil {
		return err
	}
	var shown []ssl.Entry
	for _, e := range r.Entries {
		switch k.args.listKind {
		case "personal":
			if !e.Personal() {
				continue
			}
		case "ca":
			if e.Personal() {
				continue
			}
		}
		shown = append(shown, e)
	}
	if len(shown) == 0 {
		k.env.printf("No certificates were found.")
		return nil
	}
	k.env.printf("Certificates found")
	k.env.printf("* default, - personal, ! trusted, # secret key")
	for _, e := range shown {
		mark := "!"
		if e.Personal() {
			mark = "-"
		}
		label := e.Label
		if strings.ContainsAny(label, " \t") {
			label = `"` + label + `"`
		}
		k.env.printf("%s\t%s", mark, label)
	}
	return nil
}

// akmTime is how -cert -details prints a validity date [M].
const akmTime = "January 2, 2006 3:04:05 PM MST"

func (k *keyTool) details() error {
	r, _, label, err := k.openLabel()
	if err != nil {
		return err
	}
	e, ok := r.Find(label)
	if !ok {
		return noLabel(label)
	}
	c := e.Cert
	p := k.env.printf
	p("Label : %s", e.Label)
	p("Key Size : %d", ssl.KeySize(c))
	p("Version : X509 V%d", c.Version)
	p("Serial : %s", strings.ToLower(strings.ReplaceAll(ssl.SerialString(c.SerialNumber), ":", "")))
	p("Issuer : %q", ssl.FormatDN(ssl.IssuerAttrs(c)))
	p("Subject : %q", ssl.FormatDN(ssl.SubjectAttrs(c)))
	p("Not Before : %s", c.NotBefore.UTC().Format(akmTime))
	p("Not After : %s", c.NotAfter.UTC().Format(akmTime))
	p("Public Key Type : %s", publicKeyType(c))
	sum1 := sha1.Sum(c.Raw)
	sum256 := sha256.Sum256(c.Raw)
	p("Fingerprint : SHA1 :")
	p("\t%s", hexColons(sum1[:]))
	p("Fingerprint : SHA256 :")
	p("\t%s", hexColons(sum256[:]))
	if len(c.DNSNames) > 0 {
		p("Extensions")
		p("\tSubjectAltName")
		for _, n := range c.DNSNames {
			p("\t\tdNSName: %s", n)
		}
	}
	p("Signature Algorithm : %s", ssl.SigAlgName(c))
	p("Trust Status : Enabled")
	return nil
}

func publicKeyType(c *x509.Certificate) string {
	switch c.PublicKeyAlgorithm {
	case x509.RSA:
		return "RSA (1.2.840.113549.1.1.1)"
	case x509.ECDSA:
		return "EC_ecPublicKey (1.2.840.10045.2.1)"
	}
	return c.PublicKeyAlgorithm.String()
}

func hexColons(b []byte) string {
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf("%02X", c)
	}
	return strings.Join(parts, ":")
}

func (k *keyTool) delete() error {
	r, pw, label, err := k.openLabel()
	if err != nil {
		return err
	}
	if err := r.Delete(label); err != nil {
		return noLabel(label)
	}
	return r.Save(pw)
}

// importFrom copies the entries of another PKCS#12 file (made by openssl,
// keytool or another key tool) into the -target repository: all of them,
// or the one -label names, renamed to -new_label if given.
func (k *keyTool) importFrom() error {
	a := k.args
	src := a.get("-file")
	if src == "" {
		src = a.get("-db")
	}
	if src == "" {
		return errors.New("CTGSK3013W The option -file is required for -cert -import.") // [M]
	}
	srcPW, err := k.need("-pw")
	if err != nil {
		return err
	}
	target, err := k.need("-target")
	if err != nil {
		return err
	}
	targetPW := a.get("-target_pw")
	if targetPW == "" && a.flags["-target_stashed"] {
		sth := ssl.StemOf(target) + ".sth"
		if targetPW, err = ssl.ReadStash(sth); err != nil {
			return fmt.Errorf("CTGSK3026W The key file \"%s\" does not exist or cannot be read.", sth)
		}
	}
	if targetPW == "" {
		return errors.New("CTGSK3013W The option -target_pw or -target_stashed is required.") // [M]
	}
	from, err := openDB(src, srcPW)
	if err != nil {
		return err
	}
	to, err := openDB(target, targetPW)
	if err != nil {
		return err
	}
	label, newLabel := a.get("-label"), a.get("-new_label")
	if newLabel != "" && label == "" {
		return errors.New("CTGSK3013W The option -new_label needs -label.") // [M]
	}
	found := false
	for _, e := range from.Entries {
		if label != "" && e.Label != label {
			continue
		}
		found = true
		if newLabel != "" {
			e.Label = newLabel
		}
		if err := to.Add(e); err != nil {
			return addError(err, e.Label)
		}
	}
	if label != "" && !found {
		return noLabel(label)
	}
	return to.Save(targetPW)
}

// changePassword re-encrypts the repository (and its request database)
// with -new_pw, and rewrites the stash with -stash or when one exists.
func (k *keyTool) changePassword() error {
	db, err := k.dbPath()
	if err != nil {
		return err
	}
	pw, err := k.need("-pw")
	if err != nil {
		return err
	}
	newPW, err := k.need("-new_pw")
	if err != nil {
		return err
	}
	r, err := openDB(db, pw)
	if err != nil {
		return err
	}
	reqs, err := openRequests(db, pw)
	if err != nil {
		return err
	}
	if err := r.Save(newPW); err != nil {
		return err
	}
	if len(reqs.Entries) > 0 {
		if err := reqs.Save(newPW); err != nil {
			return err
		}
	}
	sth := ssl.StemOf(db) + ".sth"
	if _, err := os.Stat(sth); k.args.flags["-stash"] || err == nil {
		return ssl.WriteStash(sth, newPW)
	}
	return nil
}

// listRequests prints the labels of the requests waiting for their
// certificates.
func (k *keyTool) listRequests() error {
	r, pw, err := k.open()
	if err != nil {
		return err
	}
	reqs, err := openRequests(r.Path, pw)
	if err != nil {
		return err
	}
	if len(reqs.Entries) == 0 {
		k.env.printf("No certificate requests were found.") // [M]
		return nil
	}
	k.env.printf("Certificate requests found")
	for _, e := range reqs.Entries {
		k.env.printf("\t%s", e.Label)
	}
	return nil
}

func (k *keyTool) deleteRequest() error {
	r, pw, label, err := k.openLabel()
	if err != nil {
		return err
	}
	reqs, err := openRequests(r.Path, pw)
	if err != nil {
		return err
	}
	if err := reqs.Delete(label); err != nil {
		return noLabel(label)
	}
	return reqs.Save(pw)
}
