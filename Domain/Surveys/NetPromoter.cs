using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Domain.Surveys
{
    public enum NpsCategory
    {
        Detractor,
        Passive,
        Promoter,
    }

    /// <summary>
    /// Net Promoter Score (Reichheld, HBR 2003): answers 0–10 to "how likely are you to recommend"; 9–10 promoters,
    /// 7–8 passives, 0–6 detractors; NPS = % promoters − % detractors, from −100 to +100.
    /// </summary>
    public static class NetPromoter
    {
        public static NpsCategory Categorise(int score)
        {
            if (score < 0 || score > 10) throw new BusinessRuleViolation("A recommendation score must be a whole number from 0 to 10.");
            return score >= 9 ? NpsCategory.Promoter : score >= 7 ? NpsCategory.Passive : NpsCategory.Detractor;
        }

        /// <summary>The sentiment of the touchpoint a survey answer records: promoters positive, passives neutral, detractors negative.</summary>
        public static Analytics.Sentiment SentimentOf(NpsCategory category) =>
            category == NpsCategory.Promoter ? Analytics.Sentiment.Positive : category == NpsCategory.Passive ? Analytics.Sentiment.Neutral : Analytics.Sentiment.Negative;

        /// <summary>The NPS of a set of answers, or null when there are none.</summary>
        public static decimal? Score(IEnumerable<int> scores)
        {
            var categories = scores.Select(Categorise).ToList();
            if (categories.Count == 0) return null;
            var promoters = categories.Count(c => c == NpsCategory.Promoter);
            var detractors = categories.Count(c => c == NpsCategory.Detractor);
            return 100m * (promoters - detractors) / categories.Count;
        }
    }
}
