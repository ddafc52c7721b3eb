#!/usr/bin/env python3
"""A minimal messaging bridge for `minga serve` (socket protocol v1), standard library only.

A real bridge (Telegram, WhatsApp, Slack) receives chat messages from the platform and sends
Minga's replies back. Here the "platform" is the terminal: type `CHAT_ID: text` lines, e.g.

    5551234: quiero registrar un acuerdo

What it shows:
  * one connection for every chat: each platform chat id becomes a Minga `user`
    ("telegram:5551234"), so many people share the connection and each keeps their session;
  * `choices` rendered as buttons, `expects.type == "date"` as a date-picker hint;
  * the optional token (`--token-file`) in the first line (the server closes a connection
    that has not said hello within `--hello-timeout`, 10 s by default; hello goes once), and
    `notices` (reminders) that arrive unprompted, interleaved with replies (replies keep
    request order);
  * `--network ID`: the network every request works in, sent as `network`. Without it the
    request names no network: with a single network in the store Minga uses that one, and
    when the store holds several Minga asks the user which network they mean.

Usage:
    python3 examples/bridge.py [--tcp 127.0.0.1:7421 | --unix PATH] [--token-file FILE] [--platform telegram]
                               [--network rme-valdivia-norte]
    printf '5551234: hola\n' | python3 examples/bridge.py      # one-shot, for scripts
By hand, without a bridge:
    printf '{"user":"u1","text":"hola"}\n' | socat - TCP:127.0.0.1:7421
"""
import argparse
import itertools
import json
import socket
import sys
import threading

def connect(args):
    if args.unix:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(args.unix)
    else:
        host, _, port = args.tcp.rpartition(":")
        s = socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)))
    return s

def render(msg, platform):
    """What the platform would show for one line from Minga."""
    kind = msg.get("type")
    chat = str(msg.get("user", "")).removeprefix(platform + ":")
    if kind == "reply" or kind == "notice":
        out = [f"[{chat}] {'🔔 ' if kind == 'notice' else ''}{m}" for m in msg.get("messages", [])]
        expects = msg.get("expects") or {}
        if msg.get("choices"):
            out.append(f"[{chat}] botones: " + "  ".join(f"[ {c} ]" for c in msg["choices"]))
        if expects.get("type") == "date":
            out.append(f"[{chat}] (muestra un selector de fecha; también vale «el viernes» o «15 de diciembre»)")
        return "\n".join(out)
    if kind == "welcome":
        return "(conectado a Minga)"
    if kind == "error":
        return f"[error {msg.get('code')}] {msg.get('message')}"
    return json.dumps(msg, ensure_ascii=False)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tcp", default="127.0.0.1:7421")
    p.add_argument("--unix")
    p.add_argument("--token-file")
    p.add_argument("--platform", default="telegram")
    p.add_argument("--network", metavar="ID",
                   help="id de la red que va en cada mensaje; sin él, si el almacén tiene varias "
                        "redes, Minga le pregunta a cada persona en cuál trabaja")
    args = p.parse_args()

    sock = connect(args)
    reader = sock.makefile("r", encoding="utf-8", newline="\n")
    writer = sock.makefile("w", encoding="utf-8", newline="\n")
    pending = 0
    lock = threading.Condition()

    def send(obj):
        nonlocal pending
        with lock:
            pending += 1
        writer.write(json.dumps(obj, ensure_ascii=False) + "\n")
        writer.flush()

    def receive():
        nonlocal pending
        for line in reader:
            msg = json.loads(line)
            print(render(msg, args.platform), flush=True)
            if msg.get("type") != "notice":
                with lock:
                    pending -= 1
                    lock.notify_all()
        with lock:
            pending = 0
            lock.notify_all()

    threading.Thread(target=receive, daemon=True).start()
    hello = {"type": "hello", "notices": True}
    if args.token_file:
        hello["token"] = open(args.token_file, encoding="utf-8").read().strip()
    send(hello)

    ids = itertools.count(1)
    for raw in sys.stdin:
        chat, sep, text = raw.rstrip("\n").partition(":")
        if not sep or not text.strip():
            print("escribe CHAT_ID: mensaje", file=sys.stderr)
            continue
        request = {"type": "message", "id": f"m-{next(ids)}", "user": f"{args.platform}:{chat.strip()}",
                   "name": None, "text": text.strip()}
        if args.network:
            request["network"] = args.network
        send(request)
    # End of input: say so (half-close) and wait for the last replies.
    sock.shutdown(socket.SHUT_WR)
    with lock:
        lock.wait_for(lambda: pending <= 0, timeout=30)

if __name__ == "__main__":
    main()
