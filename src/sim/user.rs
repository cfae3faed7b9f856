//! The one simulated Zoom user, "Jill Chill", with the fields of zoom-api.md §4.1.

use serde::Serialize;

#[derive(Serialize, Clone, Debug)]
pub struct PhoneNumber {
    pub code: String,
    pub country: String,
    pub label: String,
    pub number: String,
    pub verified: bool,
}

/// The body of `GET /v2/users/me`. Field names and example values follow the Zoom spec.
#[derive(Serialize, Clone, Debug)]
pub struct User {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub display_name: String,
    pub email: String,
    #[serde(rename = "type")]
    pub user_type: u32,
    pub role_name: String,
    pub pmi: u64,
    pub use_pmi: bool,
    pub personal_meeting_url: String,
    pub timezone: String,
    pub verified: u32,
    pub dept: String,
    pub created_at: String,
    pub user_created_at: String,
    pub last_login_time: String,
    pub last_client_version: String,
    pub pic_url: String,
    pub language: String,
    pub phone_numbers: Vec<PhoneNumber>,
    pub status: String,
    pub role_id: String,
    pub account_id: String,
    pub account_number: u64,
    pub cluster: String,
    pub group_ids: Vec<String>,
    pub im_group_ids: Vec<String>,
    pub login_types: Vec<u32>,
    pub jid: String,
    pub job_title: String,
    pub company: String,
    pub location: String,
    pub pronouns: String,
    pub pronouns_option: u32,
    pub plan_united_type: String,
    pub zoom_one_type: u32,
}

impl User {
    /// The spec's example user.
    pub fn jill() -> User {
        User {
            id: "zJKyaiAyTNC-MWjiWC18KQ".into(),
            first_name: "Jill".into(),
            last_name: "Chill".into(),
            display_name: "Jill Chill".into(),
            email: "jchill@example.com".into(),
            user_type: 2,
            role_name: "Owner".into(),
            pmi: 3542471135,
            use_pmi: false,
            personal_meeting_url: "https://zoom.us/j/3542471135".into(),
            timezone: "America/Los_Angeles".into(),
            verified: 1,
            dept: "Developers".into(),
            created_at: "2018-10-31T04:32:37Z".into(),
            user_created_at: "2018-10-31T04:32:37Z".into(),
            last_login_time: "2025-05-05T20:40:30Z".into(),
            last_client_version: "6.4.6.53970(mac)".into(),
            pic_url: "https://example.com/pic/jchill.jpg".into(),
            language: "en-US".into(),
            phone_numbers: vec![PhoneNumber {
                code: "+1".into(),
                country: "US".into(),
                label: "Mobile".into(),
                number: "800000000".into(),
                verified: true,
            }],
            status: "active".into(),
            role_id: "0".into(),
            account_id: "q6gBJVO5TzexKYTb_I2rpg".into(),
            account_number: 10009239,
            cluster: "us04".into(),
            group_ids: Vec::new(),
            im_group_ids: Vec::new(),
            login_types: vec![100],
            jid: "zjkyaiaytnc-mwjiwc18kq@xmpp.zoom.us".into(),
            job_title: "Site Reliability Engineer".into(),
            company: "Example Corp".into(),
            location: "Portland".into(),
            pronouns: "she/her".into(),
            pronouns_option: 1,
            plan_united_type: "1".into(),
            zoom_one_type: 16,
        }
    }

    /// True when a path's `{userId}` means this user: `me`, the id, or the email (Zoom
    /// accepts an email address there too).
    pub fn matches(&self, user_id: &str) -> bool {
        user_id == "me" || user_id == self.id || user_id.eq_ignore_ascii_case(&self.email)
    }
}
