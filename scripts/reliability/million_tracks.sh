#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Resource limits (issue 22, item 6): what a library of a million tracks costs the `timbre` CLI
# and the workbench, and whether extraction's memory stays flat as the number of tracks grows.
#
#   generate  `timbre library init`, then TRACKS rows written straight into catalog.sqlite with
#             python3's sqlite3 in the catalog's own schema (core/library/schema/*.sql, the columns
#             TrackStore binds): realistic paths, tags, durations, stream facts and content hashes,
#             one whole-track clip per track (a fifth test clips), imported labels for LABELLED
#             clips and one user edit batch, one active Mean Teacher version with a finished
#             predict run scoring SCORED clips (what the browser shows as score bars).
#             Scanning a million real files would take hours and measure the disk, not the catalog.
#   cli       each command below under /usr/bin/time -v: max RSS and wall time.
#   gui       the workbench opening the library (QT_QPA_PLATFORM=offscreen): it renders itself
#             to a PNG after GUI_WAIT_S seconds and quits (--screenshot); /usr/bin/time -v gives
#             the max RSS, a sampler the RSS curve (its plateau is the loaded browser).
#   extract   for N in EXTRACT_NS: N distinct 3 s WAV files (python3's wave), a library scanned
#             from them, `timbre extract` under /usr/bin/time -v: max RSS per N.
#   train     for N in TRAIN_NS: such a library (the extract step's when it ran), weak labels
#             imported for LABEL_SHARE of its clips on three instruments, then `timbre train
#             --library` (Mean Teacher, TRAIN_EPOCHS epochs, not activated) under
#             /usr/bin/time -v: max RSS per N.
#
# Usage: scripts/reliability/million_tracks.sh   (runs under nice -n 10)
# Settings (environment): WORK (default a new /tmp/million_tracks.*), TRACKS (1000000),
# LABELLED (50000), SCORED (100000), STEPS ("generate cli gui extract"), GUI_WAIT_S (90),
# EXTRACT_NS ("200 1000 10000"), CKPT (a real checkpoint to register as the version's file;
# without one the version names a file that does not exist, which only a predict would read),
# BUILD_DIR (build), REV (the binaries' commit, for the header). Output: markdown tables on stdout; logs and data in $WORK (not the repo).
set -euo pipefail
RELIABILITY_NAME=million_tracks
source "$(dirname "$0")/common.sh"
WORKBENCH=$(realpath "$BUILD_DIR/app/gui/timbre-workbench")
TRACKS=${TRACKS:-1000000}
LABELLED=${LABELLED:-50000}
SCORED=${SCORED:-100000}
STEPS=${STEPS:-"generate cli gui extract train"}
GUI_WAIT_S=${GUI_WAIT_S:-90}
EXTRACT_NS=${EXTRACT_NS:-"200 1000 10000"}
TRAIN_NS=${TRAIN_NS:-"1000 10000"}
TRAIN_EPOCHS=${TRAIN_EPOCHS:-5}
LABEL_SHARE=${LABEL_SHARE:-0.4}
CKPT=${CKPT:-}
LIB=$WORK/library
LOG=$WORK/million.log
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "million_tracks: $TIME missing (apt-get install time)" >&2; exit 2; }
[ -x "$TIMBRE" ] || { echo "million_tracks: no $TIMBRE" >&2; exit 2; }
# The workbench's settings (last library, layout) go to the run folder, not the user's.
export XDG_CONFIG_HOME=$WORK/xdg/config XDG_CACHE_HOME=$WORK/xdg/cache XDG_DATA_HOME=$WORK/xdg/data
log() { echo "[$(date -u +%H:%M:%S)] $*" >>"$LOG"; }
say() { echo "$*" >&2; log "$*"; }
has_step() { [[ " $STEPS " == *" $1 "* ]]; }

SAMPLER=""
cleanup() {
  if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2>/dev/null || true; fi
}
trap cleanup EXIT

# "MAXRSS_KB WALL_S EXIT" from a /usr/bin/time -v report.
time_fields() {
  awk -F': ' '
    /Maximum resident set size/ { rss = $2 }
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /Exit status/ { ex = $2 }
    /Command terminated by signal/ { ex = "signal " $0; sub(/.*signal /, "signal ", ex) }
    END { printf "%s %.2f %s\n", rss, w, ex }' "$1"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# ---------------------------------------------------------------------------------------------
cat >"$WORK/generate.py" <<'PY'
# Fills a catalog that `timbre library init` created (schema 4, default taxonomy) with a
# million tracks in the shapes the scanner, the importer and the predict job write.
import hashlib, os, random, sqlite3, sys, time

lib, tracks, labelled, scored, ckpt_name = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rng = random.Random(22)
db = sqlite3.connect(os.path.join(lib, "catalog.sqlite"))
# Bulk load: one transaction per table, no fsync (the file is checkpointed at the end).
db.execute("PRAGMA synchronous = OFF")
db.execute("PRAGMA cache_size = -262144")
db.execute("PRAGMA foreign_keys = ON")
now_ms = int(time.time() * 1000)

syll = ["ka", "lo", "mi", "ra", "ven", "tor", "el", "sa", "dun", "bri", "ma", "zo", "fen", "li",
        "qua", "ter", "no", "vi", "gal", "os", "pre", "ul", "han", "dre", "ko", "sil", "bar", "ne"]
words = ["Night", "River", "Blue", "Echo", "Fire", "Silent", "Golden", "Road", "Dream", "Stone",
         "Heart", "Light", "Shadow", "Summer", "Rain", "City", "Glass", "Morning", "Storm", "Wild",
         "Paper", "Ocean", "Dance", "Winter", "Ghost", "Electric", "Velvet", "Mirror", "Falling",
         "Home", "Broken", "Northern", "Song", "Waltz", "Prelude", "Sonata", "Blues", "Hymn"]
genres = ["Rock", "Pop", "Jazz", "Classical", "Electronic", "Hip-Hop", "Folk", "Blues", "Metal",
          "Country", "Soul", "Reggae", "Latin", "Ambient", "Punk", "R&B", "World", "Soundtrack",
          "Funk", "Indie"]
formats = [("mp3", "mp3", 44100, 320), ("mp3", "mp3", 44100, 192), ("flac", "flac", 44100, 900),
           ("flac", "flac", 48000, 1400), ("ogg", "vorbis", 44100, 160), ("m4a", "aac", 44100, 256),
           ("opus", "opus", 48000, 128), ("wav", "pcm", 44100, 1411)]

def name(parts):
    return "".join(rng.choice(syll) for _ in range(parts)).capitalize()

def phrase(n):
    return " ".join(rng.choice(words) for _ in range(n))

n_artists = max(1, tracks // 50)
artists = [name(rng.randint(2, 3)) + (" " + name(2) if rng.random() < 0.6 else "") for _ in range(n_artists)]
artist_genre = [rng.choice(genres) for _ in range(n_artists)]

def track_rows():
    i = 0
    album_no = 0
    while i < tracks:
        a = rng.randrange(n_artists)
        album_no += 1
        album = phrase(rng.randint(1, 3)) + ("" if rng.random() < 0.8 else " (Deluxe)")
        year = rng.randint(1955, 2025)
        ext, codec, rate, kbps = rng.choice(formats)
        genre = artist_genre[a]
        for n in range(1, rng.randint(6, 16) + 1):
            if i >= tracks:
                break
            i += 1
            title = phrase(rng.randint(1, 4))
            duration = round(rng.uniform(95, 420), 3)
            # The catalogue number keeps two albums of one name apart, as rippers name folders.
            path = "/srv/music/%s/%s/%d - %s [CAT%06d]/%02d - %s.%s" % (
                genre, artists[a], year, album, album_no, n, title, ext)
            size = int(duration * kbps * 125) + rng.randint(20000, 400000)
            mtime = now_ms - rng.randint(0, 10 * 365 * 86400) * 1000
            digest = hashlib.sha1(path.encode()).digest()  # stands in for ContentHash's SHA-1
            state, error = "ok", ""
            r = rng.random()
            if r < 0.002:
                state = "missing"
            elif r < 0.003:
                state, error = "error", "%s: Invalid data found when processing input" % path
            yield (i, path, size, mtime, digest, duration, rate, 2, codec,
                   kbps, title, artists[a], album, genre, year, n, state, error,
                   now_ms - rng.randint(0, 30 * 86400000), now_ms)

t0 = time.time()
with db:
    db.executemany("INSERT INTO track (id, path, size, mtime_ms, content_hash, duration_s, "
                   "sample_rate, channels, codec, bitrate_kbps, title, artist, album, genre, year, "
                   "track_number, scan_state, error_text, added_ms, updated_ms) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", track_rows())
t1 = time.time()
print("tracks %d in %.1f s" % (tracks, t1 - t0), flush=True)
with db:
    db.executemany("INSERT INTO clip (id, track_id, start_s, end_s, is_test, created_ms) "
                   "VALUES (?, ?, 0, NULL, ?, ?)",
                   ((i, i, 1 if rng.random() < 0.2 else 0, now_ms) for i in range(1, tracks + 1)))
t2 = time.time()
print("clips %d in %.1f s" % (tracks, t2 - t1), flush=True)

inst = [r[0] for r in db.execute("SELECT id FROM instrument ORDER BY position")]
# Imported labels (not undoable, as `timbre labels import` records them), three instruments per
# labelled clip, with their history rows; then one user edit batch of 200 changes.
with db:
    cur = db.execute("INSERT INTO label_batch (kind, source, author, time_ms, description, undoable, "
                     "state) VALUES ('edit', 'import', 'million_tracks', ?, 'import labels.csv', 0, "
                     "'done')", (now_ms - 86400000,))
    batch = cur.lastrowid
    labelled_clips = rng.sample(range(1, tracks + 1), min(labelled, tracks))
    labels = []
    for c in labelled_clips:
        for i in rng.sample(inst, 3):
            labels.append((c, i, 1 if rng.random() < 0.35 else 0))
    db.executemany("INSERT INTO label (clip_id, instrument_id, value, source, author, time_ms) "
                   "VALUES (?, ?, ?, 'import', 'million_tracks', ?)",
                   ((c, i, v, now_ms - 86400000) for c, i, v in labels))
    db.executemany("INSERT INTO label_history (batch_id, clip_id, instrument_id, new_value, source, "
                   "author, time_ms) VALUES (?, ?, ?, ?, 'import', 'million_tracks', ?)",
                   ((batch, c, i, v, now_ms - 86400000) for c, i, v in labels))
    cur = db.execute("INSERT INTO label_batch (kind, source, author, time_ms, description, undoable, "
                     "state) VALUES ('edit', 'user', 'million_tracks', ?, 'violin present on 200 "
                     "clips', 1, 'done')", (now_ms - 3600000,))
    user_batch = cur.lastrowid
    violin = db.execute("SELECT id FROM instrument WHERE key = 'violin'").fetchone()[0]
    edits = rng.sample(range(1, tracks + 1), 200)
    old = dict(((c, v) for c, v in db.execute(
        "SELECT clip_id, value FROM label WHERE instrument_id = ? AND clip_id IN (%s)"
        % ",".join(map(str, edits)), (violin,))))
    db.executemany("INSERT OR REPLACE INTO label (clip_id, instrument_id, value, source, author, "
                   "time_ms) VALUES (?, ?, 1, 'user', 'million_tracks', ?)",
                   ((c, violin, now_ms - 3600000) for c in edits))
    db.executemany("INSERT INTO label_history (batch_id, clip_id, instrument_id, old_value, "
                   "old_source, old_author, old_time_ms, new_value, source, author, time_ms) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'user', 'million_tracks', ?)",
                   ((user_batch, c, violin, old.get(c), "import" if c in old else None,
                     "million_tracks" if c in old else None,
                     now_ms - 86400000 if c in old else None, now_ms - 3600000) for c in edits))
t3 = time.time()
print("labels %d on %d clips in %.1f s" % (len(labels) + 200, len(labelled_clips), t3 - t2), flush=True)

# One active Mean Teacher version over melstat features and its finished predict run.
with db:
    cur = db.execute("INSERT INTO model (name, kind, parent_id, extractor_id, extractor_version, "
                     "hyper_parameters, label_snapshot, created_ms, metrics, checkpoint_file, note, "
                     "active) VALUES (?, 'mt', NULL, 'melstat', 1, '{}', ?, ?, ?, ?, "
                     "'million_tracks.sh', 1)",
                     (ckpt_name[:-5], user_batch, now_ms - 1800000,
                      '{"test":{"auroc":0.81,"f1":0.52},"test_bags":200000,"labels_seen":150200,'
                      '"labelled_clips":50000,"train_clips":800000}', ckpt_name))
    model = cur.lastrowid
    cur = db.execute("INSERT INTO prediction_run (model_id, started_ms, finished_ms, clips) "
                     "VALUES (?, ?, ?, ?)", (model, now_ms - 1700000, now_ms - 1600000, scored))
    scored_clips = sorted(rng.sample(range(1, tracks + 1), min(scored, tracks)))
    db.executemany("INSERT INTO prediction (model_id, clip_id, instrument_id, score) VALUES (?, ?, ?, ?)",
                   ((model, c, i, round(rng.random() ** 3, 4)) for c in scored_clips for i in inst))
t4 = time.time()
print("predictions %d (%d clips x %d instruments) in %.1f s" % (len(scored_clips) * len(inst),
      len(scored_clips), len(inst), t4 - t3), flush=True)
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.execute("ANALYZE")
db.close()
print("total %.1f s" % (time.time() - t0))
PY

# ---------------------------------------------------------------------------------------------
if has_step generate; then
  rm -rf "$LIB"
  "$TIMBRE" library init "$LIB" >>"$LOG"
  ckpt_name="mt-$(date -u +%Y%m%d-%H%M%S).ckpt"
  if [ -n "$CKPT" ]; then cp "$CKPT" "$LIB/models/$ckpt_name"; fi
  say "generating $TRACKS tracks into $LIB"
  start=$EPOCHREALTIME
  python3 "$WORK/generate.py" "$LIB" "$TRACKS" "$LABELLED" "$SCORED" "$ckpt_name" | tee -a "$LOG" >&2
  GEN_S=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  integ=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA quick_check').fetchone()[0])" "$LIB/catalog.sqlite")
  say "generated in $GEN_S s; quick_check: $integ"
  echo "$GEN_S" >"$WORK/generate_seconds"
fi
GEN_S=$(cat "$WORK/generate_seconds" 2>/dev/null || echo "?")
CATALOG_MB="?"
ROWS="none (no generate step)"
if [ -f "$LIB/catalog.sqlite" ]; then
  CATALOG_MB=$(du -m "$LIB/catalog.sqlite" | cut -f1)
  ROWS=$(python3 - "$LIB/catalog.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(" ".join("%s=%d" % (t, db.execute("SELECT count(*) FROM %s" % t).fetchone()[0])
               for t in ("track", "clip", "label", "label_history", "prediction", "model")))
PY
)
fi

# REV names the commit the binaries were built from when BUILD_DIR is not this checkout's.
echo "## A library of $TRACKS tracks (${REV:-checkout HEAD $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')}, $TIMBRE built $(date -u -r "$TIMBRE" +%FT%TZ), $(nproc) cores, work dir $WORK)"
echo
echo "Generation (python3 sqlite3, after \`timbre library init\`): $GEN_S s; catalog.sqlite $CATALOG_MB MiB; rows: $ROWS."
echo

# ---------------------------------------------------------------------------------------------
if has_step cli; then
  # Warm the page cache once, so that every command sees the same (warm) file.
  cat "$LIB/catalog.sqlite" >/dev/null
  one_track=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT path FROM track WHERE scan_state='ok' ORDER BY id DESC LIMIT 1\").fetchone()[0])" "$LIB/catalog.sqlite")
  declare -a CLI=(
    "library status|$TIMBRE library status $LIB"
    "models|$TIMBRE models $LIB"
    "jobs|$TIMBRE jobs $LIB"
    "review uncertain|$TIMBRE review $LIB --queue uncertain --limit 50"
    "review unlabelled (by score)|$TIMBRE review $LIB --queue unlabelled --order score --limit 50"
    "labels export csv|$TIMBRE labels export $LIB --format csv --out $WORK/labels.csv"
    "labels set (one track)|$TIMBRE labels set $LIB --track @TRACK@ --instrument violin --value present"
  )
  echo "### CLI commands"
  echo
  echo "| command | max RSS MiB | wall s | exit | first output line |"
  echo "|---|---|---|---|---|"
  for entry in "${CLI[@]}"; do
    label=${entry%%|*}
    cmd=${entry#*|}
    out=$WORK/cli-${label// /_}
    if [[ $cmd == *@TRACK@* ]]; then
      # One path among a million: needs an array, not word splitting.
      $TIME -v -o "$out.time" "$TIMBRE" labels set "$LIB" --track "$one_track" --instrument violin \
        --value present >"$out.out" 2>"$out.err" || true
      cmd=${cmd//@TRACK@/\"$one_track\"}
    else
      # shellcheck disable=SC2086 # the command line is plain words
      $TIME -v -o "$out.time" $cmd >"$out.out" 2>"$out.err" || true
    fi
    read -r rss wall ex < <(time_fields "$out.time")
    first=$(head -n 1 "$out.out" | cut -c1-80)
    echo "| \`${cmd//$WORK/\$WORK}\` | $(mib "$rss") | $wall | $ex | ${first//|/\\|} |"
    log "cli $label: rss ${rss} kB wall $wall exit $ex"
  done
  echo
  echo "The CLI has no filter query of its own (the filter language, core/library/TrackFilter, is the"
  echo "browser's); \`review\` ranks the scored clips, \`labels set\` resolves one path among all clips."
  echo
fi

# ---------------------------------------------------------------------------------------------
if has_step gui; then
  rm -rf "$XDG_CONFIG_HOME"
  shot=$WORK/gui.png
  # The window grabs itself after GUI_WAIT_S and quits; timeout only guards against a hang.
  QT_QPA_PLATFORM=offscreen $TIME -v -o "$WORK/gui.time" timeout -s INT $(( GUI_WAIT_S + 300 )) \
    "$WORKBENCH" "$LIB" --screenshot "$shot" --screenshot-delay $(( GUI_WAIT_S * 1000 )) \
    >"$WORK/gui.out" 2>"$WORK/gui.err" &
  gui_time=$!
  # RSS of the workbench once a second (time -> timeout -> workbench).
  (
    start=$EPOCHREALTIME
    echo -e "seconds\trss_mib" >"$WORK/gui_rss.tsv"
    while kill -0 "$gui_time" 2>/dev/null; do
      t=$(pgrep -P "$gui_time" | head -n 1)
      w=${t:+$(pgrep -P "$t" | head -n 1)}
      if [ -n "$w" ] && [ -r "/proc/$w/status" ]; then
        rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$w/status" 2>/dev/null || true)
        [ -z "$rss" ] || awk -v a="$start" -v b="$EPOCHREALTIME" -v r="$rss" \
          'BEGIN { printf "%.0f\t%.0f\n", b - a, r / 1024 }' >>"$WORK/gui_rss.tsv"
      fi
      sleep 1
    done
  ) &
  SAMPLER=$!
  wait "$gui_time" || true
  wait "$SAMPLER" 2>/dev/null || true
  SAMPLER=""
  read -r rss wall ex < <(time_fields "$WORK/gui.time")
  # When the RSS settled: the first sample from which every later one, up to the sample at 90 %
  # of the wait (before the screenshot and shutdown), stays within 2 % of that sample's value.
  plateau=$(awk -F'\t' 'NR > 1 { n++; s[n] = $1; r[n] = $2 } END {
      ref = int(n * 0.9); if (ref < 1) { print "-"; exit }
      first = ref
      for (i = ref; i >= 1; i--) { if (r[i] < 0.98 * r[ref] || r[i] > 1.02 * r[ref]) break; first = i }
      printf "%s s (%s MiB)", s[first], r[first] }' "$WORK/gui_rss.tsv")
  echo "### Workbench"
  echo
  echo "| command | max RSS MiB | wall s | exit | RSS settled (within 2 %) from | < 2 GiB |"
  echo "|---|---|---|---|---|---|"
  echo "| \`QT_QPA_PLATFORM=offscreen timbre-workbench \$WORK/library --screenshot \$WORK/gui.png --screenshot-delay $(( GUI_WAIT_S * 1000 ))\` | $(mib "$rss") | $wall | $ex | $plateau | $([ "$rss" -lt 2097152 ] && echo yes || echo NO) |"
  echo
  echo "Screenshot: $shot; RSS curve: $WORK/gui_rss.tsv; stderr: $WORK/gui.err ($(wc -l <"$WORK/gui.err") lines)."
  echo
  log "gui: rss ${rss} kB wall $wall exit $ex plateau $plateau"
fi

# ---------------------------------------------------------------------------------------------
cat >"$WORK/wavs.py" <<'PY'
# N distinct 3 s mono 16 kHz WAV files: a noisy chord rotated by a different number of samples
# per file, so every file has its own content (and content hash) at no synthesis cost.
import math, os, random, struct, sys, wave
out, n = sys.argv[1], int(sys.argv[2])
rate, seconds = 16000, 3
rng = random.Random(6)
samples = [int(6000 * (math.sin(2 * math.pi * 220 * t / rate) + 0.5 * math.sin(2 * math.pi * 331 * t / rate))
               + rng.gauss(0, 1500)) for t in range(rate * seconds)]
base = struct.pack("<%dh" % len(samples), *[max(-32768, min(32767, s)) for s in samples])
os.makedirs(out, exist_ok=True)
for i in range(n):
    k = (i * 7919 % (rate * seconds)) * 2
    d = os.path.join(out, "%03d" % (i // 1000))
    os.makedirs(d, exist_ok=True)
    with wave.open(os.path.join(d, "clip_%05d.wav" % i), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(base[k:] + base[:k])
PY

if has_step extract; then
  echo "### Extraction memory over N tracks (melstat, 3 s mono WAV each)"
  echo
  echo "| N | scan max RSS MiB | scan wall s | extract max RSS MiB | extract wall s | exit | extract output |"
  echo "|---|---|---|---|---|---|---|"
  for n in $EXTRACT_NS; do
    d=$WORK/extract-$n
    rm -rf "$d"
    python3 "$WORK/wavs.py" "$d/wavs" "$n"
    "$TIMBRE" library init "$d/lib" >>"$LOG"
    $TIME -v -o "$d/scan.time" "$TIMBRE" library scan "$d/lib" "$d/wavs" --quiet >"$d/scan.out" 2>&1 || true
    read -r srss swall _ < <(time_fields "$d/scan.time")
    $TIME -v -o "$d/extract.time" "$TIMBRE" extract "$d/lib" --extractor melstat --quiet \
      >"$d/extract.out" 2>"$d/extract.err" || true
    read -r rss wall ex < <(time_fields "$d/extract.time")
    summary=$(grep '^extract ' "$d/extract.out" | sed 's/ audio_s.*//' | cut -c1-90)
    echo "| $n | $(mib "$srss") | $swall | $(mib "$rss") | $wall | $ex | $summary |"
    log "extract N=$n: scan rss $srss kB $swall s; extract rss $rss kB $wall s exit $ex; $(cat "$d/extract.out")"
    rm -rf "$d/wavs" # keep the logs, not the gigabytes
    if ! has_step train || [[ " $TRAIN_NS " != *" $n "* ]]; then rm -rf "$d/lib/features"; fi
  done
  echo
  echo "Commands: \`timbre library scan LIB WAVS --quiet\`, \`timbre extract LIB --extractor melstat --quiet\`, each under \`/usr/bin/time -v\`."
fi

if has_step train; then
  echo "### Training memory over N tracks (Mean Teacher on melstat features, $TRAIN_EPOCHS epochs)"
  echo
  echo "| N | labelled clips | train max RSS MiB | train wall s | exit | train output |"
  echo "|---|---|---|---|---|---|"
  for n in $TRAIN_NS; do
    d=$WORK/extract-$n
    if [ ! -d "$d/lib/features" ]; then
      rm -rf "$d"
      python3 "$WORK/wavs.py" "$d/wavs" "$n"
      "$TIMBRE" library init "$d/lib" >>"$LOG"
      "$TIMBRE" library scan "$d/lib" "$d/wavs" --quiet >>"$LOG" 2>&1
      "$TIMBRE" extract "$d/lib" --extractor melstat --quiet >>"$LOG" 2>&1
      rm -rf "$d/wavs"
    fi
    python3 - "$d/labels.csv" "$n" "$LABEL_SHARE" <<'PY'
import random, sys
path, n, share = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rng = random.Random(7)
with open(path, "w") as f:
    f.write("clip,instrument,value\n")
    for i in range(n):
        if rng.random() < share:
            for inst in ("piano", "guitar", "voice"):
                f.write("clip_%05d,%s,%d\n" % (i, inst, rng.random() < 0.3))
PY
    "$TIMBRE" labels import "$d/lib" "$d/labels.csv" >"$d/import.out" 2>&1 || true
    labelled=$(python3 -c "import sys; print(sum(1 for l in open(sys.argv[1])) - 1)" "$d/labels.csv")
    $TIME -v -o "$d/train.time" "$TIMBRE" train --library "$d/lib" --model mt \
      --epochs "$TRAIN_EPOCHS" --no-activate --threads 2 --quiet >"$d/train.out" 2>"$d/train.err" || true
    read -r rss wall ex < <(time_fields "$d/train.time")
    summary=$(head -c 90 "$d/train.out" | tr '\n' ' ')
    echo "| $n | $((labelled / 3)) | $(mib "$rss") | $wall | $ex | $summary |"
    log "train N=$n: rss $rss kB $wall s exit $ex; $(cat "$d/import.out" "$d/train.out" "$d/train.err")"
  done
  echo
  echo "Commands: \`timbre labels import LIB labels.csv\`, then \`timbre train --library LIB --model mt --epochs $TRAIN_EPOCHS --no-activate --threads 2 --quiet\` under \`/usr/bin/time -v\`."
fi
