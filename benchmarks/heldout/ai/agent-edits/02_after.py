"""feedcheck: poll a list of RSS/Atom feeds and print new entries.

seen entry ids are kept in a small sqlite db so each one is only shown once.
"""
import sqlite3
import sys
import os
import socket
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

DBPATH = os.path.expanduser('~/.feedcheck.db')
UA = 'feedcheck/0.3 (+mailto:me@localhost)'
ATOM = '{http://www.w3.org/2005/Atom}'


def opendb():
    db = sqlite3.connect(DBPATH)
    db.execute('create table if not exists seen (feed text, id text, primary key (feed, id))')
    return db


RETRIES = 2          # extra attempts after the first failure
BACKOFF = 1.5        # seconds, doubled after each failed attempt


def fetch(url):
    """Download a feed, retrying transient network errors.

    HTTP 4xx responses are not retried since they won't fix themselves;
    timeouts, connection errors and 5xx responses are retried up to
    RETRIES times with exponential backoff.
    """
    req = urllib.request.Request(url, headers={'User-Agent': UA})
    delay = BACKOFF
    for attempt in range(RETRIES + 1):
        try:
            r = urllib.request.urlopen(req, timeout=20)
            try:
                return r.read()
            finally:
                r.close()
        except urllib.error.HTTPError as e:
            if e.code < 500 or attempt == RETRIES:
                raise
        except (urllib.error.URLError, socket.timeout, ConnectionError):
            if attempt == RETRIES:
                raise
        time.sleep(delay)
        delay *= 2


def entries(xml):
    root = ET.fromstring(xml)
    out = []
    # rss 2.0
    for item in root.iter('item'):
        guid = item.findtext('guid') or item.findtext('link')
        out.append((guid, item.findtext('title') or '', item.findtext('link') or ''))
    # atom
    for e in root.iter(ATOM + 'entry'):
        link = ''
        for l in e.findall(ATOM + 'link'):
            if l.get('rel', 'alternate') == 'alternate':
                link = l.get('href', '')
        out.append((e.findtext(ATOM + 'id'), e.findtext(ATOM + 'title') or '', link))
    return [x for x in out if x[0]]


def readlist(path):
    feeds = []
    for line in open(path):
        line = line.split('#', 1)[0].strip()
        if line:
            feeds.append(line)
    return feeds


def check(db, url, quiet=False):
    xml = fetch(url)
    n = 0
    for id_, title, link in entries(xml):
        cur = db.execute('select 1 from seen where feed=? and id=?', (url, id_))
        if cur.fetchone():
            continue
        db.execute('insert into seen values (?, ?)', (url, id_))
        n += 1
        if not quiet:
            print('* %s\n  %s' % (title.strip(), link))
    db.commit()
    return n


def main(argv):
    quiet = False
    if argv and argv[0] == '-q':   # first run: mark everything seen
        quiet = True
        argv = argv[1:]
    if len(argv) != 1:
        print('usage: feedcheck [-q] FEEDLIST', file=sys.stderr)
        return 2
    db = opendb()
    total = 0
    failed = []
    for url in readlist(argv[0]):
        try:
            total += check(db, url, quiet)
        except (urllib.error.URLError, socket.timeout, ConnectionError, ET.ParseError) as e:
            # one broken feed shouldn't stop the others
            print('feedcheck: %s: %s' % (url, e), file=sys.stderr)
            failed.append(url)
    # XXX prints even when quiet, fine for now
    print('%d new' % total)
    if failed:
        print('%d feed(s) failed' % len(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
