//! PLACEHOLDER: the guided tour's steps (DESIGN.md section 1), pure data. The teaching work fills it in.

use super::Scenario;

pub struct TourStep {
    pub title_en: &'static str,
    pub title_ko: &'static str,
    pub caption_en: &'static str,
    pub caption_ko: &'static str,
    pub scenario: Scenario,
}

pub fn steps() -> Vec<TourStep> {
    vec![TourStep {
        title_en: "The problem",
        title_ko: "문제",
        caption_en: "Three servers, each with its own sessions.",
        caption_ko: "서버 세 대, 각자 자기 세션을 가집니다.",
        scenario: Scenario::default(),
    }]
}
