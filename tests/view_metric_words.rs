//! Every metric has its name in both word tables (`Words::metric`, an exhaustive match): distinct within a
//! language, and translated.

use sessionscope::scenario::Metric;
use sessionscope::view::words::Lang;
use std::collections::HashSet;

#[test]
fn every_metric_has_a_distinct_name_in_each_language() {
    for lang in Lang::ALL {
        let names: Vec<&str> = Metric::ALL
            .iter()
            .map(|&m| lang.words().metric(m))
            .collect();
        assert!(
            names.iter().all(|n| !n.trim().is_empty()),
            "{lang:?}: {names:?}"
        );
        let distinct: HashSet<&&str> = names.iter().collect();
        assert_eq!(distinct.len(), names.len(), "{lang:?}: {names:?}");
    }
    for m in Metric::ALL {
        let (en, ko) = (Lang::En.words().metric(m), Lang::Ko.words().metric(m));
        assert_ne!(en, ko, "{m:?} is not translated");
        assert!(!ko.is_ascii(), "{m:?}: {ko}");
    }
    // The read-outs' words as the page has always shown them.
    assert_eq!(
        Lang::En.words().metric(Metric::Mismatches),
        "Session mismatches"
    );
    assert_eq!(
        Lang::Ko.words().metric(Metric::SessionsLost),
        "장애로 잃은 세션"
    );
}
