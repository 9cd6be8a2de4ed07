/*
 * read_image.c: page images in.  Detects an image by its content (magic
 * bytes), decodes it (PNG and JPEG through libpng and libjpeg with error
 * handlers of ours, the other kinds with leptonica), cleans it up (grey, upscale of low
 * resolutions, deskew, background normalisation and binarisation, border
 * and speck removal), recognises it with tesseract's C API in-process and
 * keeps what the result iterator knows: lines with their boxes, words with
 * their boxes and confidences, paragraph starts.  pipeline.c then feeds the
 * lines into a run like text lines, carrying the geometry along.
 *
 * One bp_ocr (one TessBaseAPI) serves one thread at a time; pages of a
 * document are recognised on several handles in parallel and fed in order,
 * so the output does not depend on the thread count.  Neither the image
 * libraries nor tesseract may write to stderr (the library never does):
 * libpng and libjpeg report into our handlers, leptonica's handler is
 * silenced and tesseract's debug output goes to /dev/null.
 */
#include "stages.h"

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jpeglib.h> /* after stdio.h */
#include <png.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* Larger pages are refused before decoding: 100 Mpixel is a 600 dpi A2. */
#define S_MAX_PIXELS (100u * 1000u * 1000u)
#define S_MAX_SIDE 60000
/* Scans under S_LOW_DPI are upscaled to S_TARGET_DPI, scans over
 * S_HIGH_DPI scaled down to it: tesseract reads 300 dpi best, and a 600 dpi
 * page would take four times the memory and time for nothing. */
#define S_LOW_DPI 200
#define S_HIGH_DPI 450
#define S_TARGET_DPI 300

/* ---- detection ------------------------------------------------------------------ */

static bool S_pnm_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bp_image_kind bp_image_detect(const unsigned char *h, size_t n)
{
    if (n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0)
        return BP_IMAGE_PNG;
    if (n >= 4 && (memcmp(h, "II*\0", 4) == 0 || memcmp(h, "MM\0*", 4) == 0))
        return BP_IMAGE_TIFF;
    if (n >= 3 && memcmp(h, "\xff\xd8\xff", 3) == 0)
        return BP_IMAGE_JPEG;
    /* P1..P6, white space, then the width's digits (ended by white space)
     * or a comment: text that begins "P1 sinfi" is no header */
    if (n >= 3 && h[0] == 'P' && h[1] >= '1' && h[1] <= '6' && S_pnm_space(h[2])) {
        size_t i = 3;
        while (i < n && S_pnm_space(h[i]))
            i++;
        if (i == n || h[i] == '#')
            return BP_IMAGE_PNM;
        size_t d = i;
        while (i < n && h[i] >= '0' && h[i] <= '9')
            i++;
        if (i > d && (i == n || S_pnm_space(h[i])))
            return BP_IMAGE_PNM;
    }
    if ((n >= 12 && memcmp(h, "\0\0\0\x0cjP  \r\n\x87\n", 12) == 0) ||
        (n >= 4 && memcmp(h, "\xff\x4f\xff\x51", 4) == 0))
        return BP_IMAGE_JP2;
    if (n >= 12 && memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WEBP", 4) == 0)
        return BP_IMAGE_WEBP;
    return BP_IMAGE_NONE;
}

const char *bp_image_kind_name(bp_image_kind k)
{
    static const char *const names[] = { "none", "PNG", "TIFF", "JPEG", "PNM", "JPEG 2000",
                                         "WebP" };
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "none";
}

bp_image_kind bp_image_probe(const char *path)
{
    /* Only a regular file is looked into: the bytes read from a pipe or a
     * FIFO would be gone for the text reader, and opening a FIFO waits for
     * its writer.  Such inputs are text (an image on a pipe comes in as -). */
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return BP_IMAGE_NONE;
    unsigned char h[16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return BP_IMAGE_NONE;
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    return bp_image_detect(h, n);
}

static void S_lept_quiet(const char *msg) { (void)msg; }

static void S_quiet(void) { leptSetStderrHandler(S_lept_quiet); }

/* Leptonica's messages go nowhere: the library reports through
 * diagnostics.  Once per process (workers make their handles at once). */
static void S_quiet_once(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, S_quiet);
}

/* An unsigned integer of k bytes at b, little- or big-endian. */
static uint64_t S_uint(const unsigned char *b, int k, bool le)
{
    uint64_t v = 0;
    for (int i = 0; i < k; i++)
        v = v << 8 | b[le ? k - 1 - i : i];
    return v;
}

/* Does the TIFF's directory chain go on after its n-th directory?
 * tiffGetCount stops at the first directory libtiff cannot read, so a
 * file cut or damaged at a later page looks like a shorter, sound one;
 * the n-th directory's link to a next one says a page was there.  Reads
 * the chain's links only (classic TIFF and BigTIFF). */
static bool S_tiff_more(FILE *f, l_int32 n)
{
    unsigned char b[16];
    if (fseeko(f, 0, SEEK_SET) != 0 || fread(b, 1, sizeof b, f) < 8)
        return false;
    bool le = b[0] == 'I', big = S_uint(b + 2, 2, le) == 43;
    int cw = big ? 8 : 2, lw = big ? 8 : 4; /* widths of a count and a link */
    uint64_t off = S_uint(b + (big ? 8 : 4), lw, le);
    for (l_int32 i = 0; i < n && off; i++) {
        if (fseeko(f, (off_t)off, SEEK_SET) != 0 || fread(b, 1, (size_t)cw, f) != (size_t)cw)
            return true;
        uint64_t entries = S_uint(b, cw, le);
        if (entries > 0xffff ||
            fseeko(f, (off_t)(off + (uint64_t)cw + entries * (big ? 20 : 12)), SEEK_SET) != 0 ||
            fread(b, 1, (size_t)lw, f) != (size_t)lw)
            return true;
        off = S_uint(b, lw, le);
    }
    return off != 0;
}

/* bp_image_count, and in *readable the pages libtiff can read (all of
 * them but a TIFF's damaged last one), for S_decode. */
static berpa_status S_count(const char *path, uint32_t *npages, uint32_t *readable, char *err,
                            size_t errcap)
{
    S_quiet_once();
    *npages = *readable = 0;
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errcap, "cannot open: %s", strerror(errno));
        return BERPA_E_IO;
    }
    if (st.st_size == 0) {
        snprintf(err, errcap, "empty file, not an image");
        return BERPA_E_INPUT;
    }
    bp_image_kind k = bp_image_probe(path);
    if (k == BP_IMAGE_NONE) {
        snprintf(err, errcap, "not a page image (PNG, TIFF, JPEG, PNM, JPEG 2000 or WebP)");
        return BERPA_E_INPUT;
    }
    if (k != BP_IMAGE_TIFF) {
        *npages = *readable = 1;
        return BERPA_OK;
    }
    FILE *f = fopen(path, "rb");
    l_int32 n = 0;
    if (!f) {
        snprintf(err, errcap, "cannot open: %s", strerror(errno));
        return BERPA_E_IO;
    }
    l_ok bad = tiffGetCount(f, &n);
    /* a page after the readable ones counts, and fails when read (S_decode) */
    bool more = !bad && n > 0 && S_tiff_more(f, n);
    fclose(f);
    if (bad || n <= 0) {
        snprintf(err, errcap, "damaged TIFF: no readable page directory");
        return BERPA_E_INPUT;
    }
    *npages = (uint32_t)n + more;
    *readable = (uint32_t)n;
    return BERPA_OK;
}

berpa_status bp_image_count(const char *path, uint32_t *npages, char *err, size_t errcap)
{
    uint32_t readable;
    return S_count(path, npages, &readable, err, errcap);
}

/* ---- the engine ---------------------------------------------------------------- */

struct berpa_ocr {
    TessBaseAPI *api;
    char *lang;            /* the languages loaded, "a+b"                  */
    unsigned steps;
    char note[160];        /* why the default languages were not all loaded */
};

/* Languages in "a+b+c". */
static int S_count_langs(const char *l)
{
    int n = 1;
    for (; *l; l++)
        n += *l == '+';
    return n;
}

/* Languages tesseract loaded. */
static int S_loaded(TessBaseAPI *api)
{
    char **v = TessBaseAPIGetLoadedLanguagesAsVector(api);
    int n = 0;
    while (v && v[n])
        n++;
    TessDeleteTextArray(v);
    return n;
}

/* Is `name` one of the '+'-joined languages in langs? */
static bool S_has_lang(const char *langs, const char *name)
{
    size_t n = strlen(name);
    for (const char *l = langs; l; l = strchr(l, '+'), l = l ? l + 1 : NULL)
        if (strncmp(l, name, n) == 0 && (l[n] == '+' || l[n] == '\0'))
            return true;
    return false;
}

/* Says in err which of the languages asked for tesseract did not load and
 * which it has: the user sees the name to install or to correct. */
static void S_lang_error(TessBaseAPI *api, const char *asked, char *err, size_t cap)
{
    char missing[160] = "", have[320] = "";
    char **got = TessBaseAPIGetLoadedLanguagesAsVector(api);
    size_t m = 0, h = 0;
    for (const char *l = asked; l && *l;) {
        const char *e = strchr(l, '+');
        size_t n = e ? (size_t)(e - l) : strlen(l);
        bool ok = false;
        for (int i = 0; got && got[i] && !ok; i++)
            ok = strlen(got[i]) == n && strncmp(got[i], l, n) == 0;
        if (!ok && m < sizeof missing)
            m += (size_t)snprintf(missing + m, sizeof missing - m, "%s%.*s", m ? "+" : "", (int)n, l);
        l = e ? e + 1 : NULL;
    }
    TessDeleteTextArray(got);
    char **av = TessBaseAPIGetAvailableLanguagesAsVector(api);
    for (int i = 0; av && av[i] && h < sizeof have; i++)
        if (strcmp(av[i], "osd") != 0) /* no language to read in (bp_ocr_new) */
            h += (size_t)snprintf(have + h, sizeof have - h, "%s%s", h ? ", " : "", av[i]);
    TessDeleteTextArray(av);
    snprintf(err, cap,
             "tesseract cannot load language '%s' of '%s' (installed: %s; are its tesseract-ocr-* "
             "packages installed? Latin is tesseract-ocr-script-latn)",
             missing[0] ? missing : asked, asked, have[0] ? have : "none found");
}

/* Loads the languages "a+b" into o->api.  tessedit_load_sublangs is
 * emptied: a model's config may name further languages to load (aze's
 * names aze_cyrl), and tesseract 5.3.0's Tesseract::init_tesseract adds
 * them to the list it is walking with a range-for; the vector grows, and
 * with two languages asked for the loop reads the second one's name from
 * freed memory (AddressSanitizer: heap-use-after-free in init_tesseract;
 * without tcache and with MALLOC_PERTURB_ it crashes).  The loop never
 * reached the added language anyway (its end was taken before), so
 * emptying the variable loads exactly what it loaded, without the read. */
static int S_init(bp_ocr *o, const char *lang)
{
    char *names[] = { (char *)"tessedit_load_sublangs" }, *values[] = { (char *)"" };
    return TessBaseAPIInit4(o->api, NULL, lang, OEM_LSTM_ONLY, NULL, 0, names, values, 1, 0);
}

bp_ocr *bp_ocr_new(const char *lang, unsigned steps, char *err, size_t errcap)
{
    S_quiet_once();
    /* Effective only when set before the OpenMP runtime starts (berpa(1)
     * sets it before it runs); parallelism is berpa's -j, not OpenMP's. */
    setenv("OMP_THREAD_LIMIT", "1", 0);
    bool dflt = !lang || !*lang;
    bp_ocr *o = calloc(1, sizeof *o);
    if (!o || !(o->lang = strdup(dflt ? BP_OCR_DEFAULT_LANG : lang)) ||
        !(o->api = TessBaseAPICreate())) {
        snprintf(err, errcap, "out of memory");
        bp_ocr_free(o);
        return NULL;
    }
    o->steps = steps;
    /* osd.traineddata loads, yet reads no text: it finds a page's
     * orientation and script, and a page "read" with it is garbage */
    if (S_has_lang(o->lang, "osd")) {
        snprintf(err, errcap, "'osd' is tesseract's orientation and script detection, not a "
                              "language to read text in: name a language, e.g. -l aze");
        bp_ocr_free(o);
        return NULL;
    }
    /* Init prints its own errors on stderr unless debug_file is set first.
     * It is one variable of the process, which tesseract reads at every
     * message: set once, before the first handle loads, never while
     * another thread may be recognising. */
    static pthread_mutex_t debug_mu = PTHREAD_MUTEX_INITIALIZER;
    static bool debug_set;
    pthread_mutex_lock(&debug_mu);
    if (!debug_set)
        debug_set = TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
    pthread_mutex_unlock(&debug_mu);
    /* tesseract loads what it can of "a+b" and leaves out the rest: every
     * language asked for must be there.  The default's Latin is optional:
     * without it tesseract has loaded aze alone, which is the fallback. */
    int loaded = S_init(o, o->lang) != 0 ? 0 : S_loaded(o->api);
    if (dflt && loaded == 1 && S_count_langs(o->lang) > 1) {
        char **v = TessBaseAPIGetLoadedLanguagesAsVector(o->api);
        bool primary = v && v[0] && strcmp(v[0], BP_OCR_FALLBACK_LANG) == 0;
        TessDeleteTextArray(v);
        if (primary) {
            snprintf(o->note, sizeof o->note,
                     "Latin, of the default '%s', is not installed: reading with '%s' alone (install "
                     "tesseract-ocr-script-latn for fewer errors)", o->lang,
                     BP_OCR_FALLBACK_LANG);
            strcpy(o->lang, BP_OCR_FALLBACK_LANG); /* shorter than the default */
        }
    }
    if (loaded < S_count_langs(o->lang)) {
        S_lang_error(o->api, o->lang, err, errcap);
        bp_ocr_free(o);
        return NULL;
    }
    TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
    /* the LSTM's best choices per character, for the words' alternatives
     * (the text read is the same with and without: README) */
    TessBaseAPISetVariable(o->api, "lstm_choice_mode", "2");
    return o;
}

const char *bp_ocr_note(const bp_ocr *o) { return o && o->note[0] ? o->note : NULL; }
const char *bp_ocr_lang(const bp_ocr *o) { return o->lang; }

void bp_ocr_free(bp_ocr *o)
{
    if (!o)
        return;
    if (o->api) {
        TessBaseAPIEnd(o->api);
        TessBaseAPIDelete(o->api);
    }
    free(o->lang);
    free(o);
}

/* ---- the result ----------------------------------------------------------------- */

void bp_ocrpage_free(bp_ocrpage *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nlines; i++) {
        free(p->lines[i].text);
        bp_words_free(p->lines[i].words, p->lines[i].nwords);
    }
    free(p->lines);
    free(p->info.image);
    free(p->info.file);
    free(p->error);
    free(p);
}

static void S_fail(bp_ocrpage *p, berpa_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void S_fail(bp_ocrpage *p, berpa_status st, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    p->status = st;
    free(p->error);
    p->error = strdup(msg);
}

static double S_clock_ms(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
static double S_now_ms(void) { return S_clock_ms(CLOCK_MONOTONIC); }
/* CPU time of the calling thread (the page's phases run on one thread). */
static double S_cpu_ms(void) { return S_clock_ms(CLOCK_THREAD_CPUTIME_ID); }

/* ---- clean-up ---------------------------------------------------------------------- */

/* Is more than 60% of the page dark (grey under 128, or black pixels of a
 * binary page)?  Only grey and binary pages are judged. */
static bool S_negative(PIX *pix)
{
    int d = pixGetDepth(pix);
    if (pixGetColormap(pix) || (d != 1 && d != 8))
        return false;
    PIX *b = d == 1 ? pixClone(pix) : pixThresholdToBinary(pix, 128);
    if (!b)
        return false;
    l_int32 dark = 0;
    pixCountPixels(b, &dark, NULL);
    double area = (double)pixGetWidth(b) * pixGetHeight(b);
    pixDestroy(&b);
    return area > 0 && dark > 0.6 * area;
}

/* Replaces *pp by q (when q is not NULL) and says whether it did. */
static bool S_swap(PIX **pp, PIX *q)
{
    if (!q)
        return false;
    pixDestroy(pp);
    *pp = q;
    return true;
}

/* Median height of the connected components that look like characters
 * (between 4 px and a twentieth of the page high, at most four times as
 * wide as high): about the x-height mixed with capital and ascender
 * heights.  0 when there are too few. */
static int S_text_height(PIX *bin)
{
    BOXA *ba = pixConnCompBB(bin, 8);
    if (!ba)
        return 0;
    l_int32 n = boxaGetCount(ba), H = pixGetHeight(bin), m = 0;
    l_int32 *hs = malloc(sizeof *hs * (size_t)(n > 0 ? n : 1));
    for (l_int32 i = 0; hs && i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(ba, i, &x, &y, &w, &h);
        if (h >= 4 && h <= H / 20 && w <= 4 * h)
            hs[m++] = h;
    }
    boxaDestroy(&ba);
    int med = 0;
    if (hs && m >= 50) {
        /* counting sort: heights are small */
        l_int32 cnt[1024] = { 0 }, half = m / 2, acc = 0;
        for (l_int32 i = 0; i < m; i++)
            cnt[hs[i] < 1023 ? hs[i] : 1023]++;
        for (int h = 0; h < 1024; h++)
            if ((acc += cnt[h]) > half) {
                med = h;
                break;
            }
    }
    free(hs);
    return med;
}

/* Body text is set at 9 to 12 pt; the median component of such text is
 * about 0.075 in high (measured: 22 px at 300 dpi for 10.5 pt).  The guess
 * only decides upscaling and what tesseract is told. */
#define S_MEDIAN_CC_INCH 0.075

/* Removes large components that touch the border (scanner edges, the
 * shadow of the book's gutter), pixel-exactly, leaving text that touches
 * the edge of a tight crop. */
static PIX *S_remove_border(PIX *bin, bool *changed)
{
    *changed = false;
    PIX *edge = pixExtractBorderConnComps(bin, 8);
    if (!edge)
        return NULL;
    PIXA *pa = NULL;
    BOXA *ba = pixConnComp(edge, &pa, 8);
    PIX *out = pixCopy(NULL, bin);
    l_int32 W = pixGetWidth(bin), H = pixGetHeight(bin);
    for (l_int32 i = 0; ba && out && i < boxaGetCount(ba); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(ba, i, &x, &y, &w, &h);
        if (w < W / 4 && h < H / 4)
            continue;
        PIX *c = pixaGetPix(pa, i, L_CLONE);
        if (c) {
            /* out &= ~c over the component's box */
            pixRasterop(out, x, y, w, h, PIX_NOT(PIX_SRC) & PIX_DST, c, 0, 0);
            pixDestroy(&c);
            *changed = true;
        }
    }
    boxaDestroy(&ba);
    pixaDestroy(&pa);
    pixDestroy(&edge);
    return out;
}

/* Maps a box found on the cleaned image back to the original image:
 * undoes the deskew rotation (about the centre, image size unchanged) and
 * the upscaling. */
typedef struct S_map {
    double sx, sy;         /* cleaned pixels per original pixel */
    double cosa, sina;     /* rotation that was applied         */
    double cx, cy;         /* centre of the cleaned image       */
    int32_t W, H;          /* original size                     */
} S_map;

static void S_map_box(const S_map *m, int l, int t, int r, int b, int32_t out[4])
{
    double xs[4] = { l, r, l, r }, ys[4] = { t, t, b, b };
    double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
    for (int k = 0; k < 4; k++) {
        /* inverse rotation about the centre, then inverse scale */
        double dx = xs[k] - m->cx, dy = ys[k] - m->cy;
        double x = m->cx + dx * m->cosa - dy * m->sina;
        double y = m->cy + dx * m->sina + dy * m->cosa;
        x /= m->sx;
        y /= m->sy;
        x0 = x < x0 ? x : x0;
        y0 = y < y0 ? y : y0;
        x1 = x > x1 ? x : x1;
        y1 = y > y1 ? y : y1;
    }
    out[0] = (int32_t)lround(x0 < 0 ? 0 : x0);
    out[1] = (int32_t)lround(y0 < 0 ? 0 : y0);
    out[2] = (int32_t)lround(x1 > m->W ? m->W : x1);
    out[3] = (int32_t)lround(y1 > m->H ? m->H : y1);
}

/* The binary copy of an 8 bpp page: Sauvola with a window of about a
 * third of an inch and k = 0.34, or Otsu without BP_IMG_SAUVOLA.  NULL when
 * out of memory. */
static PIX *S_binarise(PIX *g, unsigned steps, int dpi)
{
    PIX *b = NULL;
    if (steps & BP_IMG_SAUVOLA || !(steps & BP_IMG_BINARIZE)) {
        int half = dpi ? dpi / 6 : 50;
        pixSauvolaBinarizeTiled(g, half < 8 ? 8 : half, 0.34f, 1, 1, NULL, &b);
    } else {
        pixOtsuAdaptiveThreshold(g, 2000, 2000, 0, 0, 0.0f, NULL, &b);
    }
    return b;
}

/* Takes c, the binary copy *bin with some components removed, as the new
 * binary copy, and removes the same pixels from the page *pix: it is c
 * itself when the page is the binary copy, else they are whitened in the
 * grey page.  False (c destroyed, nothing changed) when out of memory. */
static bool S_drop(PIX **pix, PIX **bin, PIX *c)
{
    if (pixGetDepth(*pix) == 1) {
        pixDestroy(bin);
        *bin = pixClone(c);
        return S_swap(pix, c);
    }
    PIX *gone = pixXor(NULL, *bin, c);
    if (!gone || pixPaintThroughMask(*pix, gone, 0, 0, 255) != 0) {
        pixDestroy(&gone);
        pixDestroy(&c);
        return false;
    }
    pixDestroy(&gone);
    return S_swap(bin, c);
}

/* Runs the clean-up steps on pix (consumed); returns the image for OCR or
 * NULL (out of memory).  Fills p->info (dpi, skew, steps) and *m. */
static PIX *S_clean(PIX *pix, unsigned steps, bp_ocrpage *p, S_map *m)
{
    bp_pageimg *in = &p->info;
    m->W = pixGetWidth(pix);
    m->H = pixGetHeight(pix);
    m->sx = m->sy = 1;
    m->cosa = 1;
    m->sina = 0;
    in->scale_x = in->scale_y = 1;
    /* The file's resolution, per axis (a fax is 204 x 98); one axis
     * declared stands for both.  Values outside 50..2400 are no scan's. */
    in->dpi_file_x = pixGetXRes(pix);
    in->dpi_file_y = pixGetYRes(pix);
    bool okx = in->dpi_file_x >= 50 && in->dpi_file_x <= 2400;
    bool oky = in->dpi_file_y >= 50 && in->dpi_file_y <= 2400;
    int dx = okx ? in->dpi_file_x : oky ? in->dpi_file_y : 0;
    int dy = oky ? in->dpi_file_y : dx;

    /* grey (also drops colour maps); 1 bpp stays binary unless it is
     * to be upscaled, which needs grey levels */
    if ((steps & BP_IMG_GREY) && pixGetDepth(pix) != 1) {
        PIX *g = pixGetDepth(pix) == 32 ? pixConvertRGBToLuminance(pix) : pixConvertTo8(pix, 0);
        if (S_swap(&pix, g))
            in->steps |= BP_IMG_GREY;
    }
    /* A negative (microfilm, a light-on-dark print): mostly dark is no
     * page of dark text, whose ink covers a fraction of it; the border step
     * would take its dark ground for a scanner edge and leave nothing. */
    if ((steps & BP_IMG_INVERT) && S_negative(pix) && S_swap(&pix, pixInvert(NULL, pix)))
        in->steps |= BP_IMG_INVERT;
    in->dpi_from = dx ? BP_DPI_FILE : BP_DPI_TESSERACT;
    if (!dx) {
        /* guess from the text height on a quick binary version */
        PIX *b = pixGetDepth(pix) == 1 ? pixClone(pix) : NULL;
        if (!b) {
            PIX *g8 = pixConvertTo8(pix, 0);
            b = g8 ? pixThresholdToBinary(g8, 160) : NULL;
            pixDestroy(&g8);
        }
        int th = b ? S_text_height(b) : 0;
        pixDestroy(&b);
        if (th > 0) {
            dx = dy = (int)lround(th / S_MEDIAN_CC_INCH / 10.0) * 10;
            in->dpi_from = BP_DPI_TEXT;
        }
    }
    in->dpi_guessed = in->dpi_from != BP_DPI_FILE;
    /* The finer axis sets the resolution (no detail is thrown away), the
     * target's when it is out of 200..450; each axis is scaled to it, so
     * that an anisotropic scan gets square pixels. */
    int dpi = dx > dy ? dx : dy;
    if (dpi && (dpi < S_LOW_DPI || dpi > S_HIGH_DPI))
        dpi = S_TARGET_DPI;
    if ((steps & BP_IMG_DPI) && dpi && (dpi != dx || dpi != dy)) {
        double fx = (double)dpi / dx, fy = (double)dpi / dy;
        PIX *g = pixGetDepth(pix) == 1 ? pixConvertTo8(pix, 0) : pixClone(pix);
        /* linear interpolation up, area mapping down */
        PIX *s = !g ? NULL : fx > 1 || fy > 1 ? pixScaleGrayLI(g, (l_float32)fx, (l_float32)fy)
                                              : pixScaleAreaMap(g, (l_float32)fx, (l_float32)fy);
        pixDestroy(&g);
        if (S_swap(&pix, s)) {
            m->sx = in->scale_x = (float)fx;
            m->sy = in->scale_y = (float)fy;
            in->steps |= (fx > 1 || fy > 1 ? BP_IMG_DPI : 0) | (fx < 1 || fy < 1 ? BP_IMG_DOWN : 0);
        } else {
            dpi = dy;
        }
    } else if (dpi) {
        dpi = dy; /* not scaled: the line height is in the y resolution */
    }
    in->dpi = dpi;
    if (steps & BP_IMG_DESKEW) {
        l_float32 angle = 0, conf = 0;
        PIX *d = pixFindSkewAndDeskew(pix, 2, &angle, &conf);
        /* leptonica rotates only when it is confident (conf >= 3, |a| >= 0.1) */
        if (d && conf >= 3.0f && fabsf(angle) >= 0.1f) {
            in->skew = angle;
            in->steps |= BP_IMG_DESKEW;
            /* pixDeskew rotated by angle degrees about the centre; keep the
             * rotation that maps cleaned points back */
            double a = angle * 3.14159265358979323846 / 180.0;
            m->cosa = cos(a);
            m->sina = sin(a);
        }
        in->skew_conf = conf;
        S_swap(&pix, d);
    }
    m->cx = pixGetWidth(pix) / 2.0;
    m->cy = pixGetHeight(pix) / 2.0;

    /* Tesseract thresholds a grey page itself, and reads upscaled or
     * turned grey pages better from their grey levels than from any
     * binarisation of ours (README: CER measured with and without), so
     * the page stays grey unless binarising is asked for.  Border and speck
     * removal find their components on a binary copy and whiten them in
     * the grey page. */
    if (pixGetDepth(pix) != 1 &&
        (steps & (BP_IMG_NORM | BP_IMG_BINARIZE | BP_IMG_BORDER | BP_IMG_SPECK)) &&
        (pixGetDepth(pix) != 8 || pixGetColormap(pix)) && !S_swap(&pix, pixConvertTo8(pix, 0)))
        return pix;
    if (pixGetDepth(pix) == 8 && (steps & BP_IMG_NORM) &&
        S_swap(&pix, pixBackgroundNormSimple(pix, NULL, NULL)))
        in->steps |= BP_IMG_NORM;
    if (!(steps & (BP_IMG_BINARIZE | BP_IMG_BORDER | BP_IMG_SPECK)))
        return pix;
    PIX *bin = pixGetDepth(pix) == 1 ? pixClone(pix) : S_binarise(pix, steps, dpi);
    if (!bin)
        return pix;
    if ((steps & BP_IMG_BINARIZE) && pixGetDepth(pix) != 1 && S_swap(&pix, pixClone(bin)))
        in->steps |= BP_IMG_BINARIZE | (steps & BP_IMG_SAUVOLA);
    if (steps & BP_IMG_BORDER) {
        bool changed = false;
        PIX *c = S_remove_border(bin, &changed);
        if (c && changed && S_drop(&pix, &bin, c))
            in->steps |= BP_IMG_BORDER;
        else
            pixDestroy(&c);
    }
    if (steps & BP_IMG_SPECK) {
        /* specks: components no more than 1/150 in on both sides (2 px at
         * 300 dpi); a full stop is three times that */
        int s = dpi ? dpi / 150 : 2;
        l_int32 changed = 0;
        PIX *c = pixSelectBySize(bin, s, s, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GT, &changed);
        if (c && changed && S_drop(&pix, &bin, c))
            in->steps |= BP_IMG_SPECK;
        else
            pixDestroy(&c);
    }
    pixDestroy(&bin);
    return pix;
}

/* ---- recognition -------------------------------------------------------------------- */

typedef struct S_linebuf {
    char *text;
    size_t len, cap;
    bp_word *words;
    uint32_t nwords, capwords;
} S_linebuf;

static bool S_append(S_linebuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 128;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *t = realloc(b->text, cap);
        if (!t)
            return false;
        b->text = t;
        b->cap = cap;
    }
    memcpy(b->text + b->len, s, n);
    b->len += n;
    b->text[b->len] = '\0';
    return true;
}

static bp_ocrline *S_push_line(bp_ocrpage *p, size_t *cap)
{
    if (p->nlines == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        bp_ocrline *v = realloc(p->lines, nc * sizeof *v);
        if (!v)
            return NULL;
        p->lines = v;
        *cap = nc;
    }
    bp_ocrline *l = &p->lines[p->nlines++];
    memset(l, 0, sizeof *l);
    return l;
}

/* The other readings tesseract offered for the characters of the word at
 * ri (its symbols, walked on a copy of the iterator) into bw->alts; wl is
 * the word's length in bytes.  False when out of memory. */
static bool S_alts(const TessResultIterator *ri, bp_word *bw, size_t wl)
{
    TessResultIterator *si = TessResultIteratorCopy(ri);
    if (!si)
        return false;
    const TessPageIterator *spi = TessResultIteratorGetPageIteratorConst(si);
    uint32_t cap = 0;
    size_t at = 0;
    bool ok = true;
    do {
        char *sym = TessResultIteratorGetUTF8Text(si, RIL_SYMBOL);
        if (!sym)
            break;
        size_t sl = strlen(sym);
        bp_charalt a = { .at = (uint16_t)at, .len = (uint8_t)sl };
        a.conf = TessResultIteratorConfidence(si, RIL_SYMBOL) / 100.0f;
        TessChoiceIterator *ci = sl < 256 && at + sl <= wl && at < UINT16_MAX
                                     ? TessResultIteratorGetChoiceIterator(si) : NULL;
        do {
            const char *c = ci ? TessChoiceIteratorGetUTF8Text(ci) : NULL;
            float cf = ci ? TessChoiceIteratorConfidence(ci) / 100.0f : 0;
            /* choices come best first; the reading kept is among them */
            if (!c || strcmp(c, sym) == 0 || strlen(c) >= sizeof a.alt[0] || cf < BP_ALT_MIN)
                continue;
            memcpy(a.alt[a.n], c, strlen(c) + 1);
            a.alt_conf[a.n++] = cf > 1 ? 1 : cf;
        } while (ci && a.n < BP_ALTS && TessChoiceIteratorNext(ci));
        TessChoiceIteratorDelete(ci);
        TessDeleteText(sym);
        at += sl;
        if (a.n) {
            if (bw->nalts == cap) {
                cap = cap ? cap * 2 : 4;
                bp_charalt *v = realloc(bw->alts, cap * sizeof *v);
                if (!v) {
                    ok = false;
                    break;
                }
                bw->alts = v;
            }
            bw->alts[bw->nalts++] = a;
        }
    } while (!TessPageIteratorIsAtFinalElement(spi, RIL_WORD, RIL_SYMBOL) &&
             TessResultIteratorNext(si, RIL_SYMBOL));
    TessResultIteratorDelete(si);
    return ok;
}

/* Walks the result word by word, starting a line at each text line. */
static bool S_collect(TessBaseAPI *api, bp_ocrpage *p, const S_map *m)
{
    TessResultIterator *ri = TessBaseAPIGetIterator(api);
    if (!ri)
        return true; /* nothing recognised */
    const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(ri);
    size_t cap = 0;
    S_linebuf b = { 0 };
    bp_ocrline *cur = NULL;
    double confsum = 0;
    bool ok = true;
    /* a line, paragraph, block began at a word left out */
    bool pending = false, pend_para = false, pend_block = false;
    do {
        char *w = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
        if (!w)
            continue;
        int l, t, r, bt;
        bool starts = !cur || TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE);
        /* a word of white space only (tesseract makes one of a page of
         * specks, box and all, at high confidence) is no word */
        if (!w[strspn(w, " \t\n\r")]) {
            pending |= starts;
            pend_para |= starts && TessPageIteratorIsAtBeginningOf(pi, RIL_PARA);
            pend_block |= starts && TessPageIteratorIsAtBeginningOf(pi, RIL_BLOCK);
            TessDeleteText(w);
            continue;
        }
        if (starts || pending) {
            pending = false;
            if (cur) {
                cur->text = b.text;
                cur->len = (uint32_t)b.len;
                cur->words = b.words;
                cur->nwords = b.nwords;
                memset(&b, 0, sizeof b);
            }
            bool para = pend_para || TessPageIteratorIsAtBeginningOf(pi, RIL_PARA);
            bool block = pend_block || TessPageIteratorIsAtBeginningOf(pi, RIL_BLOCK);
            pend_para = pend_block = false;
            /* the previous line ended a paragraph: tesseract's text output
             * puts a blank line there, and so do we */
            if (cur && (para || block))
                cur->para_end = true;
            if (!(cur = S_push_line(p, &cap))) {
                ok = false;
                TessDeleteText(w);
                break;
            }
            cur->para_start = para || block;
            cur->block_start = block;
            if (TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &l, &t, &r, &bt))
                S_map_box(m, l, t, r, bt, cur->box);
        }
        size_t wl = strlen(w);
        if (b.nwords == b.capwords) {
            uint32_t nc = b.capwords ? b.capwords * 2 : 16;
            bp_word *v = realloc(b.words, nc * sizeof *v);
            if (!v) {
                ok = false;
                TessDeleteText(w);
                break;
            }
            b.words = v;
            b.capwords = nc;
        }
        if ((b.len && !S_append(&b, " ", 1)) || !S_append(&b, w, wl)) {
            ok = false;
            TessDeleteText(w);
            break;
        }
        TessDeleteText(w);
        bp_word *bw = &b.words[b.nwords++];
        memset(bw, 0, sizeof *bw);
        bw->at = (uint32_t)(b.len - wl);
        bw->len = (uint32_t)wl;
        float c = TessResultIteratorConfidence(ri, RIL_WORD) / 100.0f;
        bw->conf = c < 0 ? 0 : c > 1 ? 1 : c;
        confsum += bw->conf;
        p->info.nwords++;
        p->info.low_conf += bw->conf < BP_LOW_CONF;
        if (!S_alts(ri, bw, wl)) {
            ok = false;
            break;
        }
        p->info.nalts += bw->nalts;
        if (TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &bt)) {
            int32_t box[4];
            S_map_box(m, l, t, r, bt, box);
            bw->x0 = box[0];
            bw->y0 = box[1];
            bw->x1 = box[2];
            bw->y1 = box[3];
        }
    } while (TessResultIteratorNext(ri, RIL_WORD));
    if (cur) {
        cur->text = b.text;
        cur->len = (uint32_t)b.len;
        cur->words = b.words;
        cur->nwords = b.nwords;
        cur->para_end = true;
    } else {
        free(b.text);
        bp_words_free(b.words, b.nwords);
    }
    TessResultIteratorDelete(ri);
    p->info.mean_conf = p->info.nwords ? (float)(confsum / p->info.nwords) : -1.0f;
    return ok;
}

/* ---- a page of noise --------------------------------------------------------------- */

/* Could the word be text: at least 3 letters, or 2 digits, read with a
 * confidence of S_LEGIBLE_CONF or more?  A heading or a page number alone
 * on a page passes; what tesseract makes of specks (`ıl`, `-.`, `1-`,
 * `o!`, single letters; now and then `mil` or `204` at 0.6 to 0.79) does
 * not.  Measured: pages of specks have no such word, the dev pages 79 to
 * 190 each. */
#define S_LEGIBLE_CONF 0.8f
static bool S_legible(const char *s, uint32_t n, float conf)
{
    if (conf < S_LEGIBLE_CONF)
        return false;
    int letters = 0, digits = 0;
    for (int32_t i = 0; i < (int32_t)n;) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        letters += c >= 0 && u_isalpha(c);
        digits += c >= 0 && u_isdigit(c);
    }
    return letters >= 3 || digits >= 2;
}

/* A page of specks, smudges or show-through: tesseract reads marks into
 * words at low confidence, and not one of them is a legible word.  Its
 * lines are left out (a blank page, with a no-text note); info keeps how
 * many marks, their mean confidence and the first of them for the note,
 * and counts the words kept (none).  How sure: the less sure tesseract
 * was of the marks, the surer they are no text, 0.5 + (1 - mean) / 2. */
static void S_drop_noise(bp_ocrpage *p)
{
    bp_pageimg *in = &p->info;
    for (size_t i = 0; i < p->nlines; i++)
        for (uint32_t k = 0; k < p->lines[i].nwords; k++) {
            const bp_word *w = &p->lines[i].words[k];
            if (S_legible(p->lines[i].text + w->at, w->len, w->conf))
                return;
        }
    if (!in->nwords)
        return;
    size_t n = 0;
    bool full = false;
    for (size_t i = 0; i < p->nlines; i++) {
        const bp_ocrline *l = &p->lines[i];
        for (uint32_t k = 0; k < l->nwords; k++) {
            const bp_word *w = &l->words[k];
            /* whole words only, the first while they fit with a space and a NUL */
            if (full || (full = n + w->len + 2 > sizeof in->noise_marks))
                continue;
            if (n)
                in->noise_marks[n++] = ' ';
            memcpy(in->noise_marks + n, l->text + w->at, w->len);
            n += w->len;
        }
        free(l->text);
        bp_words_free(l->words, l->nwords);
    }
    in->noise_marks[n] = '\0';
    free(p->lines);
    p->lines = NULL;
    p->nlines = 0;
    in->noise_words = in->nwords;
    in->noise_conf = in->mean_conf;
    in->noise_cert = 0.5f + (1.0f - in->mean_conf) / 2;
    in->nwords = in->low_conf = in->nalts = 0;
    in->mean_conf = -1;
}

void bp_noise_why(const bp_pageimg *img, char *buf, size_t cap)
{
    /* the marks are whole words: fewer of them than noise_words, some were cut */
    unsigned shown = img->noise_marks[0] != '\0';
    for (const char *c = img->noise_marks; *c; c++)
        shown += *c == ' ';
    snprintf(buf, cap,
             "%u mark%s read (%s%s) at mean confidence %.2f, none a word of 3 letters or 2 "
             "digits at confidence %.1f or more: left out as specks, not text",
             (unsigned)img->noise_words, img->noise_words == 1 ? "" : "s", img->noise_marks,
             shown < img->noise_words ? " ..." : "",
             img->noise_conf, S_LEGIBLE_CONF);
}

/* ---- decoding -------------------------------------------------------------------- */
/* PNG and JPEG are decoded here, through libpng's and libjpeg's own
 * interfaces with error handlers of ours: read through leptonica, both
 * libraries print their complaints about a damaged file ("libpng error:
 * ...", "Premature end of JPEG file") on stderr, which a library must not
 * do, and which no process-wide setting turns off.  Each call has its own
 * handler state, so pages decode on several threads at once.  The other
 * kinds go through leptonica, whose own messages are silenced (S_quiet)
 * and whose TIFF, PNM, JPEG 2000 and WebP readers print nothing. */

/* Is w x h more than berpa reads?  Then says so in err. */
static bool S_too_large(l_int32 w, l_int32 h, char *err, size_t cap)
{
    if (w <= S_MAX_SIDE && h <= S_MAX_SIDE && (uint64_t)w * (uint64_t)h <= S_MAX_PIXELS)
        return false;
    snprintf(err, cap, "image of %dx%d pixels is larger than berpa reads (100 Mpixel: 600 dpi A2)",
             (int)w, (int)h);
    return true;
}

/* Walks a PNG's chunk chain: does it reach IEND inside the file (the last
 * chunk's data and CRC there too)?  Takes the resolution of pHYs in dots
 * per inch into *xres, *yres (0 without one), rounded as leptonica does,
 * and from IHDR whether the image is 1-bit grey (*bilevel). */
static bool S_png_chunks(const char *path, l_int32 *xres, l_int32 *yres, bool *bilevel)
{
    *xres = *yres = 0;
    *bilevel = false;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    unsigned char h[21];
    bool ok = false;
    long at = 8;
    while (fseek(f, at, SEEK_SET) == 0 && fread(h, 1, 8, f) == 8) {
        uint32_t len = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
        if (len > 0x7fffffffu)
            break;
        if (memcmp(h + 4, "IEND", 4) == 0) {
            ok = true;
            break;
        }
        /* IHDR: bit depth and colour type are its data's bytes 8 and 9 */
        if (memcmp(h + 4, "IHDR", 4) == 0 && len == 13 && fread(h + 8, 1, 13, f) == 13)
            *bilevel = h[16] == 1 && h[17] == 0;
        if (memcmp(h + 4, "pHYs", 4) == 0 && len == 9 && fread(h + 8, 1, 9, f) == 9 && h[16] == 1) {
            /* pixels per metre */
            uint32_t x = (uint32_t)h[8] << 24 | (uint32_t)h[9] << 16 | (uint32_t)h[10] << 8 | h[11];
            uint32_t y = (uint32_t)h[12] << 24 | (uint32_t)h[13] << 16 | (uint32_t)h[14] << 8 | h[15];
            *xres = (l_int32)((l_float32)x / 39.37f + 0.5f);
            *yres = (l_int32)((l_float32)y / 39.37f + 0.5f);
        }
        at += 12 + (long)len;
    }
    if (ok) {
        fseek(f, 0, SEEK_END);
        ok = ftell(f) >= at + 12;
    }
    fclose(f);
    return ok;
}

/* A PNG through libpng's simplified interface (which reports into
 * im.message, never on stderr): grey pages stay grey (8 bpp, and 1 bpp
 * for a 1-bit grey file, as leptonica reads it), colour ones become
 * 32 bpp RGB; transparency is laid over white (paper), not black. */
static PIX *S_read_png(const char *path, l_int32 *w, l_int32 *h, char *err, size_t cap)
{
    l_int32 xres = 0, yres = 0;
    bool bilevel = false;
    if (!S_png_chunks(path, &xres, &yres, &bilevel)) {
        snprintf(err, cap, "damaged or truncated PNG: the file ends before its last chunk");
        return NULL;
    }
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&im, path)) {
        snprintf(err, cap, "damaged PNG: %s", im.message);
        png_image_free(&im);
        return NULL;
    }
    *w = (l_int32)im.width;
    *h = (l_int32)im.height;
    if (S_too_large(*w, *h, err, cap)) {
        png_image_free(&im);
        return NULL;
    }
    bool colour = (im.format & PNG_FORMAT_FLAG_COLOR) != 0;
    im.format = colour ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
    size_t stride = PNG_IMAGE_ROW_STRIDE(im);
    unsigned char *buf = malloc(PNG_IMAGE_BUFFER_SIZE(im, stride));
    PIX *pix = buf ? pixCreate(*w, *h, colour ? 32 : 8) : NULL;
    static const png_color white = { 255, 255, 255 };
    if (!pix) {
        snprintf(err, cap, "out of memory decoding the PNG");
        png_image_free(&im);
        free(buf);
        return NULL;
    }
    if (!png_image_finish_read(&im, &white, buf, (png_int_32)stride, NULL)) {
        snprintf(err, cap, "damaged or truncated PNG: %s", im.message);
        png_image_free(&im);
        free(buf);
        pixDestroy(&pix);
        return NULL;
    }
    l_uint32 *data = pixGetData(pix);
    l_int32 wpl = pixGetWpl(pix);
    for (l_int32 y = 0; y < *h; y++) {
        const unsigned char *src = buf + (size_t)y * stride;
        l_uint32 *line = data + (size_t)y * (size_t)wpl;
        for (l_int32 x = 0; x < *w; x++) {
            if (colour)
                composeRGBPixel(src[3 * x], src[3 * x + 1], src[3 * x + 2], &line[x]);
            else
                SET_DATA_BYTE(line, x, src[x]);
        }
    }
    free(buf);
    if (bilevel) {
        /* 1 bpp with 1 for black, as leptonica reads a 1-bit PNG */
        PIX *b = pixThresholdToBinary(pix, 128);
        pixDestroy(&pix);
        if (!(pix = b)) {
            snprintf(err, cap, "out of memory decoding the PNG");
            return NULL;
        }
    }
    pixSetResolution(pix, xres, yres);
    return pix;
}

/* libjpeg's error manager for one decoding: an error ends it through the
 * jump, a warning (corrupt data, a premature end) is kept; neither is
 * printed. */
typedef struct S_jerr {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char msg[JMSG_LENGTH_MAX];
} S_jerr;

static void S_jpeg_exit(j_common_ptr c)
{
    S_jerr *e = (S_jerr *)(void *)c->err;
    (*c->err->format_message)(c, e->msg);
    longjmp(e->jump, 1);
}

/* libjpeg calls it for the first warning (and trace messages, off) */
static void S_jpeg_output(j_common_ptr c)
{
    S_jerr *e = (S_jerr *)(void *)c->err;
    if (!e->msg[0])
        (*c->err->format_message)(c, e->msg);
}

/* A JPEG through libjpeg: grey stays 8 bpp, colour becomes 32 bpp RGB
 * (Adobe CMYK converted); the JFIF density is the resolution.  A file
 * libjpeg warns about (truncated, corrupt data) is refused: its page would
 * be part grey. */
static PIX *S_read_jpeg(const char *path, l_int32 *w, l_int32 *h, char *err, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, cap, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct jpeg_decompress_struct ci;
    S_jerr je;
    PIX *volatile pix = NULL;
    unsigned char *volatile row = NULL;
    memset(&ci, 0, sizeof ci);
    ci.err = jpeg_std_error(&je.mgr);
    je.mgr.error_exit = S_jpeg_exit;
    je.mgr.output_message = S_jpeg_output;
    je.msg[0] = '\0';
    if (setjmp(je.jump)) {
        jpeg_destroy_decompress(&ci);
        fclose(f);
        free(row);
        PIX *q = pix;
        pixDestroy(&q);
        snprintf(err, cap, "damaged or truncated JPEG: %s", je.msg);
        return NULL;
    }
    jpeg_create_decompress(&ci);
    jpeg_stdio_src(&ci, f);
    jpeg_read_header(&ci, TRUE);
    *w = (l_int32)ci.image_width;
    *h = (l_int32)ci.image_height;
    bool too_large = S_too_large(*w, *h, err, cap);
    bool cmyk = ci.jpeg_color_space == JCS_CMYK || ci.jpeg_color_space == JCS_YCCK;
    if (!too_large) {
        ci.out_color_space = ci.num_components == 1 ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
        jpeg_start_decompress(&ci);
        int nc = ci.output_components;
        row = malloc((size_t)ci.output_width * (size_t)nc);
        pix = row ? pixCreate((l_int32)ci.output_width, (l_int32)ci.output_height, nc == 1 ? 8 : 32)
                  : NULL;
        if (!pix) {
            snprintf(je.msg, sizeof je.msg, "out of memory");
            longjmp(je.jump, 1);
        }
        l_uint32 *data = pixGetData(pix);
        l_int32 wpl = pixGetWpl(pix);
        while (ci.output_scanline < ci.output_height) {
            JSAMPROW r = row;
            l_uint32 *line = data + (size_t)ci.output_scanline * (size_t)wpl;
            if (jpeg_read_scanlines(&ci, &r, 1) != 1)
                break;
            for (JDIMENSION x = 0; x < ci.output_width; x++) {
                const unsigned char *px = row + (size_t)x * (size_t)nc;
                if (nc == 1)
                    SET_DATA_BYTE(line, x, px[0]);
                else if (nc == 4) /* Adobe's CMYK is stored inverted */
                    composeRGBPixel(px[0] * px[3] / 255, px[1] * px[3] / 255, px[2] * px[3] / 255,
                                    &line[x]);
                else
                    composeRGBPixel(px[0], px[1], px[2], &line[x]);
            }
        }
        jpeg_finish_decompress(&ci);
        if (ci.density_unit == 1)
            pixSetResolution(pix, ci.X_density, ci.Y_density);
        else if (ci.density_unit == 2) /* dots per cm */
            pixSetResolution(pix, (l_int32)(ci.X_density * 2.54 + 0.5),
                              (l_int32)(ci.Y_density * 2.54 + 0.5));
    }
    long warnings = je.mgr.num_warnings;
    jpeg_destroy_decompress(&ci);
    fclose(f);
    free(row);
    PIX *out = pix;
    if (!too_large && warnings) {
        snprintf(err, cap, "damaged or truncated JPEG: %s", je.msg);
        pixDestroy(&out);
    }
    return out;
}

/* Decodes page `sub` of the file, of kind k, after checking its size.
 * readable: the pages libtiff can read (S_count; a TIFF's page past them
 * fails here).  *w, *h: the size, when the header could be read (0
 * else).  NULL with the reason in err. */
static PIX *S_decode(const char *path, bp_image_kind k, uint32_t sub, uint32_t readable,
                     l_int32 *w, l_int32 *h, char *err, size_t cap)
{
    *w = *h = 0;
    if (k == BP_IMAGE_PNG)
        return S_read_png(path, w, h, err, cap);
    if (k == BP_IMAGE_JPEG)
        return S_read_jpeg(path, w, h, err, cap);
    l_int32 fmt = 0, bps = 0, spp = 0, cmap = 0, res = 0;
    /* a page past the directories libtiff can read: leptonica's
     * readHeaderTiff would fail there too, and leak its TIFF handle */
    l_ok bad = k == BP_IMAGE_TIFF && sub >= readable;
    if (!bad)
        bad = k == BP_IMAGE_TIFF
                  ? readHeaderTiff(path, (l_int32)sub, w, h, &bps, &spp, &res, &cmap, &fmt)
                  : pixReadHeader(path, &fmt, w, h, &bps, &spp, &cmap);
    if (bad || *w <= 0 || *h <= 0) {
        if (k == BP_IMAGE_TIFF && sub > 0) /* see S_tiff_more */
            snprintf(err, cap, "damaged or truncated TIFF: the page's directory cannot be read "
                               "(any later pages are lost with it)");
        else
            snprintf(err, cap, "damaged %s: the header cannot be read", bp_image_kind_name(k));
        return NULL;
    }
    if (S_too_large(*w, *h, err, cap))
        return NULL;
    PIX *pix = k == BP_IMAGE_TIFF ? pixReadTiff(path, (l_int32)sub) : pixRead(path);
    if (!pix)
        snprintf(err, cap, "damaged or truncated %s: the image data cannot be decoded",
                 bp_image_kind_name(k));
    return pix;
}

struct Pix *bp_image_pix(const char *path, uint32_t sub)
{
    S_quiet_once();
    l_int32 w, h;
    char err[256];
    uint32_t n, readable;
    if (S_count(path, &n, &readable, err, sizeof err) != BERPA_OK)
        return NULL;
    return S_decode(path, bp_image_probe(path), sub, readable, &w, &h, err, sizeof err);
}

/* Reads page `sub` of the file after checking its header's dimensions. */
static PIX *S_read(const char *path, uint32_t sub, bp_ocrpage *p)
{
    char err[256];
    uint32_t npages = 0, readable = 0;
    berpa_status st = S_count(path, &npages, &readable, err, sizeof err);
    if (st != BERPA_OK) {
        S_fail(p, st, "%s", err);
        return NULL;
    }
    if (sub >= npages) {
        S_fail(p, BERPA_E_INPUT, "the file has %u pages", (unsigned)npages);
        return NULL;
    }
    l_int32 w = 0, h = 0;
    PIX *pix = S_decode(path, bp_image_probe(path), sub, readable, &w, &h, err, sizeof err);
    p->info.width = w;
    p->info.height = h;
    if (!pix)
        S_fail(p, BERPA_E_INPUT, "%s", err);
    return pix;
}

bp_ocrpage *bp_ocr_page(bp_ocr *o, const char *path, uint32_t sub, const char *name)
{
    bp_ocrpage *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    double t0 = S_now_ms(), c0 = S_cpu_ms(), t = t0;
    p->info.subpage = sub;
    p->info.mean_conf = -1;
    snprintf(p->info.lang, sizeof p->info.lang, "%s", o->lang);
    if (!(p->info.image = strdup(name ? name : path)) ||
        (name && !(p->info.file = strdup(path)))) {
        free(p->info.image);
        free(p);
        return NULL;
    }
    PIX *pix = S_read(path, sub, p);
    p->info.read_ms = S_now_ms() - t;
    if (!pix)
        goto done;
    S_map m;
    t = S_now_ms();
    PIX *clean = S_clean(pix, o->steps, p, &m);
    p->info.clean_ms = S_now_ms() - t;
    if (!clean) {
        S_fail(p, BERPA_E_NOMEM, "out of memory while cleaning up the image");
        goto done;
    }
    TessBaseAPISetImage2(o->api, clean);
    if (p->info.dpi)
        TessBaseAPISetSourceResolution(o->api, p->info.dpi);
    t = S_now_ms();
    int bad = TessBaseAPIRecognize(o->api, NULL) != 0;
    p->info.recog_ms = S_now_ms() - t;
    t = S_now_ms();
    if (bad)
        S_fail(p, BERPA_E_INPUT, "tesseract could not recognise the page");
    else if (!S_collect(o->api, p, &m))
        S_fail(p, BERPA_E_NOMEM, "out of memory while collecting the OCR result");
    else
        S_drop_noise(p);
    if (!p->info.dpi)
        p->info.dpi = TessBaseAPIGetSourceYResolution(o->api);
    TessBaseAPIClear(o->api);
    pixDestroy(&clean);
    p->info.collect_ms = S_now_ms() - t;
done:
    p->info.ocr_ms = S_now_ms() - t0;
    p->info.cpu_ms = S_cpu_ms() - c0;
    return p;
}

size_t bp_image_steps_str(unsigned steps, char *buf, size_t cap)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        { BP_IMG_GREY, "grey" },     { BP_IMG_DPI, "upscale" },   { BP_IMG_DOWN, "downscale" },
        { BP_IMG_DESKEW, "deskew" },
        { BP_IMG_NORM, "normalise" }, { BP_IMG_BINARIZE, "binarise" },
        { BP_IMG_SAUVOLA, "sauvola" }, { BP_IMG_BORDER, "border" },  { BP_IMG_SPECK, "speck" },
        { BP_IMG_INVERT, "invert" },
    };
    size_t n = 0;
    if (cap)
        buf[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (!(steps & names[i].bit))
            continue;
        int k = snprintf(buf + (n < cap ? n : cap), n < cap ? cap - n : 0, "%s%s",
                         n ? "," : "", names[i].name);
        n += k > 0 ? (size_t)k : 0;
    }
    return n;
}
