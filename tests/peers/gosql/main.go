// A real Go database/sql pool for PoolScope's attach tests: lib/pq against
// the test PostgreSQL, client_golang's DBStats collector on /metrics,
// db.Stats() as JSON on /stats (and printed on stdout around every scrape),
// and /incident?kind=... to make the pool misbehave the way production pools do.
//
// Usage: gosql-peer -dsn postgres://... -listen 127.0.0.1:0 -name NAME
// Prints "listening on http://HOST:PORT" on stdout once serving, then one
// JSON line per /metrics scrape: {"scrape", "before", "after", "t_ms"}.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	_ "github.com/lib/pq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type peer struct {
	db     *sql.DB
	mu     sync.Mutex
	cancel context.CancelFunc
	leaked []*sql.Rows
	kind   string
}

// stop ends the running incident: its goroutines stop, leaked rows close.
func (p *peer) stop() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	for _, r := range p.leaked {
		r.Close()
	}
	p.leaked = nil
}

func (p *peer) incident(kind string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stop()
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.kind = kind
	switch kind {
	case "healthy":
		p.db.SetMaxOpenConns(4)
		p.db.SetMaxIdleConns(4)
		// Two connections opened and returned: open 2, idle 2, in use 0.
		c1, err := p.db.Conn(ctx)
		if err != nil {
			return err
		}
		c2, err := p.db.Conn(ctx)
		if err != nil {
			c1.Close()
			return err
		}
		c1.Close()
		c2.Close()
	case "wait_storm":
		// Many goroutines on a small pool with slow queries: waiters pile up.
		p.db.SetMaxOpenConns(2)
		for i := 0; i < 32; i++ {
			go func() {
				for ctx.Err() == nil {
					p.db.ExecContext(ctx, "SELECT pg_sleep(0.05)")
				}
			}()
		}
	case "leak":
		// Rows never closed: every connection stays in use.
		p.db.SetMaxOpenConns(4)
		for i := 0; i < 4; i++ {
			r, err := p.db.QueryContext(context.Background(), "SELECT generate_series(1, 10)")
			if err != nil {
				return err
			}
			p.leaked = append(p.leaked, r)
		}
	case "unbounded":
		p.db.SetMaxOpenConns(0)
		for i := 0; i < 3; i++ {
			go func() {
				for ctx.Err() == nil {
					p.db.ExecContext(ctx, "SELECT pg_sleep(0.02)")
				}
			}()
		}
	default:
		return fmt.Errorf("unknown incident kind %q (healthy, wait_storm, leak, unbounded)", kind)
	}
	return nil
}

// statsOf is db.Stats() with PoolScope's names.
func statsOf(db *sql.DB) map[string]interface{} {
	s := db.Stats()
	return map[string]interface{}{
		"max_open":             s.MaxOpenConnections,
		"open":                 s.OpenConnections,
		"in_use":               s.InUse,
		"idle":                 s.Idle,
		"wait_count":           s.WaitCount,
		"wait_duration_ms":     s.WaitDuration.Milliseconds(),
		"max_idle_closed":      s.MaxIdleClosed,
		"max_idle_time_closed": s.MaxIdleTimeClosed,
		"max_lifetime_closed":  s.MaxLifetimeClosed,
	}
}

func main() {
	dsn := flag.String("dsn", os.Getenv("POOLSCOPE_PG_URL"), "PostgreSQL URL")
	listen := flag.String("listen", "127.0.0.1:0", "HOST:PORT to serve on")
	name := flag.String("name", "orders", "db_name label of the DBStats collector")
	flag.Parse()

	// lib/pq wants TLS unless told otherwise; the test server is on loopback.
	if !strings.Contains(*dsn, "sslmode=") {
		if strings.Contains(*dsn, "?") {
			*dsn += "&sslmode=disable"
		} else {
			*dsn += "?sslmode=disable"
		}
	}
	db, err := sql.Open("postgres", *dsn)
	if err != nil {
		log.Fatalf("open %s: %v", *dsn, err)
	}
	if err := db.Ping(); err != nil {
		log.Fatalf("ping: %v", err)
	}
	p := &peer{db: db}
	if err := p.incident("healthy"); err != nil {
		log.Fatalf("healthy: %v", err)
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewDBStatsCollector(db, *name))
	mux := http.NewServeMux()
	// Every scrape of /metrics prints db.Stats() taken just before and just
	// after the collector ran, and the time the reply was complete: the
	// scraped figures equal these when the two agree, and lie between them
	// when the pool changed during the scrape.
	metrics := promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	var scrapes sync.Mutex
	scrapeNo := 0
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		before := statsOf(db)
		metrics.ServeHTTP(w, r)
		after := statsOf(db)
		scrapes.Lock()
		defer scrapes.Unlock()
		scrapeNo++
		line, _ := json.Marshal(map[string]interface{}{
			"scrape": scrapeNo, "before": before, "after": after, "t_ms": time.Now().UnixMilli(),
		})
		fmt.Println(string(line))
	})
	mux.HandleFunc("/stats", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(statsOf(db))
	})
	mux.HandleFunc("/incident", func(w http.ResponseWriter, r *http.Request) {
		if err := p.incident(r.URL.Query().Get("kind")); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("listen %s: %v", *listen, err)
	}
	fmt.Printf("listening on http://%s\n", ln.Addr().String())
	os.Stdout.Sync()
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
