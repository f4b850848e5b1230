#include <string.h>

#include "base64.h"
#include "unity.h"

static char enc[128];
static unsigned char dec[128];
static size_t dec_len;

void setUp(void) {
    memset(enc, 0x7f, sizeof enc);
    memset(dec, 0x7f, sizeof dec);
    dec_len = (size_t)-1;
}

void tearDown(void) {}

/* RFC 4648 section 10 test vectors */
static const struct {
    const char *plain;
    const char *padded;
    const char *unpadded;
} rfc4648[] = {
    {"", "", ""},
    {"f", "Zg==", "Zg"},
    {"fo", "Zm8=", "Zm8"},
    {"foo", "Zm9v", "Zm9v"},
    {"foob", "Zm9vYg==", "Zm9vYg"},
    {"fooba", "Zm9vYmE=", "Zm9vYmE"},
    {"foobar", "Zm9vYmFy", "Zm9vYmFy"},
};

#define N_VECTORS (sizeof rfc4648 / sizeof rfc4648[0])

static void test_encode_rfc4648_vectors_with_padding(void) {
    for (size_t i = 0; i < N_VECTORS; i++) {
        const char *p = rfc4648[i].plain;
        size_t len = base64_encode((const unsigned char *)p, strlen(p), enc, sizeof enc, B64_STANDARD, 1);
        TEST_ASSERT_EQUAL_STRING_MESSAGE(rfc4648[i].padded, enc, p);
        TEST_ASSERT_EQUAL_size_t(strlen(rfc4648[i].padded), len);
    }
}

static void test_encode_rfc4648_vectors_without_padding(void) {
    for (size_t i = 0; i < N_VECTORS; i++) {
        const char *p = rfc4648[i].plain;
        base64_encode((const unsigned char *)p, strlen(p), enc, sizeof enc, B64_STANDARD, 0);
        TEST_ASSERT_EQUAL_STRING_MESSAGE(rfc4648[i].unpadded, enc, p);
    }
}

static void test_decode_rfc4648_vectors_padded_and_unpadded(void) {
    for (size_t i = 0; i < N_VECTORS; i++) {
        const char *forms[2] = {rfc4648[i].padded, rfc4648[i].unpadded};
        for (int f = 0; f < 2; f++) {
            int rc = base64_decode(forms[f], strlen(forms[f]), dec, sizeof dec, &dec_len, B64_STANDARD);
            TEST_ASSERT_EQUAL_INT_MESSAGE(B64_OK, rc, forms[f]);
            TEST_ASSERT_EQUAL_size_t(strlen(rfc4648[i].plain), dec_len);
            if (dec_len > 0) TEST_ASSERT_EQUAL_MEMORY(rfc4648[i].plain, dec, dec_len);
        }
    }
}

static void test_encoded_size_accounts_for_nul_and_padding(void) {
    TEST_ASSERT_EQUAL_size_t(1, base64_encoded_size(0, 1));
    TEST_ASSERT_EQUAL_size_t(5, base64_encoded_size(1, 1));
    TEST_ASSERT_EQUAL_size_t(3, base64_encoded_size(1, 0));
    TEST_ASSERT_EQUAL_size_t(5, base64_encoded_size(3, 0));
    TEST_ASSERT_EQUAL_size_t(9, base64_encoded_size(4, 1));
}

static void test_encode_returns_zero_when_buffer_too_small(void) {
    const unsigned char in[] = "foobar";
    /* needs 8 chars + NUL */
    TEST_ASSERT_EQUAL_size_t(0, base64_encode(in, 6, enc, 8, B64_STANDARD, 1));
    TEST_ASSERT_EQUAL_size_t(8, base64_encode(in, 6, enc, 9, B64_STANDARD, 1));
}

static void test_encode_rejects_null_destination(void) {
    TEST_ASSERT_EQUAL_size_t(0, base64_encode((const unsigned char *)"x", 1, NULL, 100, B64_STANDARD, 1));
}

static void test_urlsafe_uses_dash_and_underscore(void) {
    const unsigned char in[] = {0xfb, 0xff, 0xbf};
    base64_encode(in, sizeof in, enc, sizeof enc, B64_STANDARD, 1);
    TEST_ASSERT_EQUAL_STRING("+/+/", enc);
    base64_encode(in, sizeof in, enc, sizeof enc, B64_URLSAFE, 1);
    TEST_ASSERT_EQUAL_STRING("-_-_", enc);
}

static void test_decode_rejects_characters_from_other_variant(void) {
    TEST_ASSERT_EQUAL_INT(B64_ERR_CHAR, base64_decode("-_-_", 4, dec, sizeof dec, &dec_len, B64_STANDARD));
    TEST_ASSERT_EQUAL_INT(B64_ERR_CHAR, base64_decode("+/+/", 4, dec, sizeof dec, &dec_len, B64_URLSAFE));
}

static void test_decode_rejects_invalid_characters(void) {
    TEST_ASSERT_EQUAL_INT(B64_ERR_CHAR, base64_decode("Zm9v!mFy", 8, dec, sizeof dec, &dec_len, B64_STANDARD));
    TEST_ASSERT_EQUAL_INT(B64_ERR_CHAR, base64_decode("Zm9v YmFy", 9, dec, sizeof dec, &dec_len, B64_STANDARD));
}

static void test_decode_rejects_bad_padding(void) {
    TEST_ASSERT_EQUAL_INT(B64_ERR_PADDING, base64_decode("Zg===", 5, dec, sizeof dec, &dec_len, B64_STANDARD));
    TEST_ASSERT_EQUAL_INT(B64_ERR_PADDING, base64_decode("Zg=", 3, dec, sizeof dec, &dec_len, B64_STANDARD));
    TEST_ASSERT_EQUAL_INT(B64_ERR_PADDING, base64_decode("Z=g=", 4, dec, sizeof dec, &dec_len, B64_STANDARD));
}

static void test_decode_rejects_impossible_length(void) {
    TEST_ASSERT_EQUAL_INT(B64_ERR_LENGTH, base64_decode("Zm9vY", 5, dec, sizeof dec, &dec_len, B64_STANDARD));
}

static void test_decode_reports_insufficient_space(void) {
    TEST_ASSERT_EQUAL_INT(B64_ERR_SPACE, base64_decode("Zm9vYmFy", 8, dec, 5, &dec_len, B64_STANDARD));
    TEST_ASSERT_EQUAL_INT(B64_OK, base64_decode("Zm9vYmFy", 8, dec, 6, &dec_len, B64_STANDARD));
}

static void test_decoded_max_is_an_upper_bound(void) {
    TEST_ASSERT_EQUAL_size_t(0, base64_decoded_max(0));
    TEST_ASSERT_EQUAL_size_t(3, base64_decoded_max(2));
    TEST_ASSERT_EQUAL_size_t(6, base64_decoded_max(8));
}

static void test_roundtrip_all_byte_values(void) {
    unsigned char in[256];
    static char big[400];
    static unsigned char out[300];
    size_t out_len = 0;
    for (int i = 0; i < 256; i++) in[i] = (unsigned char)i;

    for (int variant = B64_STANDARD; variant <= B64_URLSAFE; variant++) {
        for (int pad = 0; pad <= 1; pad++) {
            size_t len = base64_encode(in, sizeof in, big, sizeof big, (b64_variant)variant, pad);
            TEST_ASSERT_NOT_EQUAL(0, len);
            TEST_ASSERT_EQUAL_INT(B64_OK, base64_decode(big, len, out, sizeof out, &out_len, (b64_variant)variant));
            TEST_ASSERT_EQUAL_size_t(sizeof in, out_len);
            TEST_ASSERT_EQUAL_MEMORY(in, out, sizeof in);
        }
    }
}

int main(void) {
    UNITY_BEGIN();
    RUN_TEST(test_encode_rfc4648_vectors_with_padding);
    RUN_TEST(test_encode_rfc4648_vectors_without_padding);
    RUN_TEST(test_decode_rfc4648_vectors_padded_and_unpadded);
    RUN_TEST(test_encoded_size_accounts_for_nul_and_padding);
    RUN_TEST(test_encode_returns_zero_when_buffer_too_small);
    RUN_TEST(test_encode_rejects_null_destination);
    RUN_TEST(test_urlsafe_uses_dash_and_underscore);
    RUN_TEST(test_decode_rejects_characters_from_other_variant);
    RUN_TEST(test_decode_rejects_invalid_characters);
    RUN_TEST(test_decode_rejects_bad_padding);
    RUN_TEST(test_decode_rejects_impossible_length);
    RUN_TEST(test_decode_reports_insufficient_space);
    RUN_TEST(test_decoded_max_is_an_upper_bound);
    RUN_TEST(test_roundtrip_all_byte_values);
    return UNITY_END();
}
