//! The device-flow driver against the simulator over real HTTP: the poll schedule as the
//! server sees it, and recovery from a network that misbehaves mid-flow.

mod common;

use common::*;
use std::time::Duration;
use zoomctl::config::BaseUrl;
use zoomctl::flow::{self, FlowEvent};
use zoomctl::secret::Secret;
use zoomctl::sim::{SimOptions, Simulator};
use zoomctl::zoom::oauth::{Credentials, OAuthClient};

fn client(sim: &Simulator) -> OAuthClient {
    let http = zoomctl::zoom::http::client().unwrap();
    let credentials = Credentials {
        client_id: CLIENT_ID.into(),
        client_secret: Some(Secret::new(CLIENT_SECRET)),
    };
    OAuthClient::new(http, BaseUrl::parse(&sim.base_url()).unwrap(), credentials)
}

/// Runs a whole flow; returns the events and when the code was issued.
async fn run_flow(sim: &Simulator) -> (Vec<FlowEvent>, std::time::Instant) {
    let client = client(sim);
    let mut events = vec![];
    let mut issued = std::time::Instant::now();
    flow::run(&client, |e| {
        if let FlowEvent::CodeIssued(code) = &e {
            issued = code.issued_at.into_std();
        }
        events.push(e);
        true
    })
    .await;
    (events, issued)
}

fn gaps(sim: &Simulator, start: std::time::Instant) -> Vec<f64> {
    let mut prev = start;
    sim.stats()
        .polls
        .iter()
        .map(|p| {
            let gap = p.at.duration_since(prev).as_secs_f64();
            prev = p.at;
            gap
        })
        .collect()
}

#[tokio::test]
async fn approval_ends_in_tokens() {
    let sim = sim(SimOptions {
        approve_after: Some(1.5),
        ..fast()
    })
    .await;
    let (events, _) = run_flow(&sim).await;
    assert!(matches!(events.first(), Some(FlowEvent::CodeIssued(_))));
    let Some(FlowEvent::Approved(tokens)) = events.last() else {
        panic!("{events:?}")
    };
    assert!(api_accepts(&sim.base_url(), tokens.access_token.expose()).await);
    assert_eq!(tokens.api_url.as_deref(), Some(sim.base_url().as_str()));
    assert!(
        sim.stats().polls.iter().all(|p| p.answered != "slow_down"),
        "an honest client is never told to slow down"
    );
}

#[tokio::test]
async fn a_missing_interval_means_five_seconds() {
    let sim = sim(SimOptions {
        omit_interval: true,
        approve_after: Some(6.0),
        ..SimOptions::default()
    })
    .await;
    let (events, issued) = run_flow(&sim).await;
    assert!(
        matches!(events.last(), Some(FlowEvent::Approved(_))),
        "{events:?}"
    );
    let gaps = gaps(&sim, issued);
    assert!(
        gaps.iter().all(|g| *g >= 5.0),
        "polls at least 5 s apart: {gaps:?}"
    );
    assert_eq!(
        gaps.len(),
        2,
        "first poll after 5 s (pending), second after 10 s (approved): {gaps:?}"
    );
}

#[tokio::test]
async fn slow_down_spacing_is_kept_at_the_server() {
    let sim = sim(SimOptions {
        slow_down_every: Some(2),
        approve_after: Some(8.0),
        ..fast()
    })
    .await;
    let (events, issued) = run_flow(&sim).await;
    assert!(
        matches!(events.last(), Some(FlowEvent::Approved(_))),
        "{events:?}"
    );
    let stats = sim.stats();
    let gaps = gaps(&sim, issued);
    // After the first slow_down (poll 2) every gap is at least 1 + 5 s.
    let first_slow = stats
        .polls
        .iter()
        .position(|p| p.answered == "slow_down")
        .expect("a slow_down was sent");
    for (i, gap) in gaps.iter().enumerate().skip(first_slow + 1) {
        assert!(
            *gap >= 5.9,
            "poll {i} came {gap:.2} s after the previous one: {gaps:?}"
        );
    }
    assert!(stats.polls.iter().all(|p| {
        p.answered != "slow_down"
            || stats
                .polls
                .iter()
                .filter(|q| q.answered == "slow_down")
                .count()
                >= 1
    }));
    assert!(
        events.iter().any(
            |e| matches!(e, FlowEvent::SlowedDown { interval, .. } if interval.as_secs() >= 6)
        )
    );
}

#[tokio::test]
async fn server_errors_mid_poll_are_ridden_out() {
    let sim = sim(fast()).await;
    let client = client(&sim);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<flow::FlowUpdate>();
    let _flow = flow::start(flow::FlowId(7), client, tx);
    let mut events = vec![];
    // Wait for the code, then break the server for a while.
    while let Some(u) = rx.recv().await {
        let issued = matches!(u.event, FlowEvent::CodeIssued(_));
        events.push(u.event);
        if issued {
            break;
        }
    }
    sim.set_fail_rate(1.0);
    tokio::time::sleep(Duration::from_secs(3)).await;
    sim.set_fail_rate(0.0);
    let code = sim
        .pending_user_codes()
        .pop()
        .expect("the code is still pending");
    assert!(sim.approve(&code));
    while let Some(u) = rx.recv().await {
        assert_eq!(u.flow, flow::FlowId(7));
        let done = u.event.is_final();
        events.push(u.event);
        if done {
            break;
        }
    }
    assert!(
        events
            .iter()
            .any(|e| matches!(e, FlowEvent::NetworkTrouble { .. })),
        "{events:?}"
    );
    assert!(
        matches!(events.last(), Some(FlowEvent::Approved(_))),
        "{events:?}"
    );
    assert!(sim.stats().faults_5xx >= 1);
}

#[tokio::test]
async fn a_network_that_drops_connections_is_ridden_out_with_the_same_code() {
    let sim = sim(fast()).await;
    let client = client(&sim);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<flow::FlowUpdate>();
    let _flow = flow::start(flow::FlowId(1), client, tx);
    let first = rx.recv().await.unwrap().event;
    let FlowEvent::CodeIssued(code) = first else {
        panic!("{first:?}")
    };
    sim.set_down(true);
    let trouble = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            if let FlowEvent::NetworkTrouble { error, .. } = rx.recv().await.unwrap().event {
                return error;
            }
        }
    })
    .await
    .expect("the dropped connection is reported");
    assert!(trouble.is_transient(), "{trouble}");
    sim.set_down(false);
    assert!(
        sim.approve(&code.authorization.user_code),
        "the same code is still alive"
    );
    let end = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let e = rx.recv().await.unwrap().event;
            if e.is_final() {
                return e;
            }
        }
    })
    .await
    .unwrap();
    assert!(matches!(end, FlowEvent::Approved(_)), "{end:?}");
    assert_eq!(
        sim.stats().device_code_requests,
        1,
        "no new code was needed"
    );
}

#[tokio::test]
async fn refused_connections_are_transport_errors_naming_the_server() {
    // Bind and drop a listener: nothing answers on that port now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let http = zoomctl::zoom::http::client().unwrap();
    let base = BaseUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap();
    let client = OAuthClient::new(
        http,
        base,
        Credentials {
            client_id: "c".into(),
            client_secret: None,
        },
    );
    let err = client.device_authorization().await.unwrap_err();
    assert!(err.is_transient());
    let text = err.to_string();
    assert!(
        text.contains(&format!("127.0.0.1:{port}/oauth/devicecode")) && text.contains("connection"),
        "{text}"
    );
}
