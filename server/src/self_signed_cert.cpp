#include "server/self_signed_cert.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <sys/stat.h>

namespace lumadb::server {

namespace {

struct KeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct CertFree {
  void operator()(X509* p) const { X509_free(p); }
};
struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};

void Check(bool ok, const char* step) {
  if (!ok) throw std::runtime_error(std::string("could not create the server certificate: ") + step + " failed");
}

// Adds one v3 extension in openssl.cnf syntax, with the certificate as its own issuer (for the key ids).
void AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  Check(ext != nullptr && X509_add_ext(cert, ext, -1) == 1, "adding an extension");
  X509_EXTENSION_free(ext);
}

std::unique_ptr<X509, CertFree> MakeCertificate(EVP_PKEY* key) {
  std::unique_ptr<X509, CertFree> cert(X509_new());
  Check(cert != nullptr && X509_set_version(cert.get(), X509_VERSION_3) == 1, "X509_new");
  unsigned char serial[16];
  Check(RAND_bytes(serial, sizeof(serial)) == 1, "RAND_bytes");
  serial[0] &= 0x7f;  // a positive INTEGER
  BIGNUM* bn = BN_bin2bn(serial, sizeof(serial), nullptr);
  Check(bn != nullptr && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr, "serial number");
  BN_free(bn);
  Check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) != nullptr &&
            X509_time_adj_ex(X509_getm_notAfter(cert.get()), kSelfSignedValidityDays, 0, nullptr) != nullptr,
        "validity");
  X509_NAME* name = X509_get_subject_name(cert.get());
  Check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1,
                                   -1, 0) == 1 &&
            X509_set_issuer_name(cert.get(), name) == 1 && X509_set_pubkey(cert.get(), key) == 1,
        "subject");
  // openssl req -x509's v3_ca set, so the file works as its own trust anchor for every client library.
  AddExtension(cert.get(), NID_subject_key_identifier, "hash");
  AddExtension(cert.get(), NID_authority_key_identifier, "keyid:always");
  AddExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
  Check(X509_sign(cert.get(), key, EVP_sha256()) > 0, "X509_sign");
  return cert;
}

// Opens a new file with `mode` (never an existing one, so a key is not written through a symlink).
std::unique_ptr<FILE, FileClose> CreateFile(const std::filesystem::path& path, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) throw std::runtime_error("could not create file \"" + path.string() + "\": " + std::strerror(errno));
  ::fchmod(fd, mode);  // the umask must not widen or narrow it
  FILE* f = ::fdopen(fd, "w");
  if (f == nullptr) ::close(fd);
  Check(f != nullptr, "fdopen");
  return std::unique_ptr<FILE, FileClose>(f);
}

}  // namespace

void WriteSelfSignedCertificate(const std::filesystem::path& cert_file, const std::filesystem::path& key_file) {
  std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
  Check(key != nullptr, "EVP_EC_gen");
  auto cert = MakeCertificate(key.get());
  {
    auto out = CreateFile(key_file, 0600);
    Check(PEM_write_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1, "writing the key");
  }
  auto out = CreateFile(cert_file, 0644);
  Check(PEM_write_X509(out.get(), cert.get()) == 1, "writing the certificate");
}

}  // namespace lumadb::server
