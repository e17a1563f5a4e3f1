package mqi

// MQSCO holds the TLS configuration options of MQCONNX, given in
// MQCNO.SSLConfig.
type MQSCO struct {
	KeyRepository          string
	CryptoHardware         string
	KeyResetCount          int32
	FipsRequired           bool
	EncryptionPolicySuiteB [4]int32
	CertificateValPolicy   int32
	CertificateLabel       string
	KeyRepoPassword        string
	HTTPSCertValidation    int32
	HTTPSCertRevocation    int32
	HTTPSKeyStore          string
}

// NewMQSCO returns TLS options with the MQI defaults: the default key
// reset count, FIPS not required, no Suite B policy and the default
// certificate validation policy.
func NewMQSCO() *MQSCO {
	return &MQSCO{
		KeyResetCount: MQSCO_RESET_COUNT_DEFAULT,
		EncryptionPolicySuiteB: [4]int32{MQ_SUITE_B_NONE,
			MQ_SUITE_B_NOT_AVAILABLE, MQ_SUITE_B_NOT_AVAILABLE, MQ_SUITE_B_NOT_AVAILABLE},
		CertificateValPolicy: MQ_CERT_VAL_POLICY_DEFAULT,
	}
}
